using System.ComponentModel.DataAnnotations;
using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Platform.Data;
using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Cartero.Pages;

/// <summary>Creates the first administrator with the one-time code printed at start-up.</summary>
[EnableRateLimiting(Platform.Web.PanelModule.SignInRateLimit)]
public sealed class ConfiguracionInicialModel(
    FirstRunSetup setup,
    CarteroDbContext db,
    UserManager<CarteroUser> users,
    SignInManager<CarteroUser> signIn,
    IAuditTrail audit,
    TimeProvider time) : PageModel
{
    [BindProperty]
    public SetupInput Input { get; set; } = new();

    public bool Pending { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Pending = setup.IsPending && !await FirstRunSetup.AdminExistsAsync(db, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Pending = setup.IsPending && !await FirstRunSetup.AdminExistsAsync(db, cancellationToken);
        if (!Pending)
        {
            return Page();
        }

        if (!setup.Matches(Input.Code))
        {
            ModelState.AddModelError("Input.Code", "El código no es correcto. Cópielo de la consola donde se inició Cartero.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = new CarteroUser
        {
            Id = Guid.CreateVersion7(),
            UserName = Input.Email.Trim(),
            Email = Input.Email.Trim(),
            EmailConfirmed = true,
            FullName = Input.FullName.Trim(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code.Contains("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.Email", error.Description);
            }

            return Page();
        }

        await users.AddToRoleAsync(user, CarteroRoles.Admin);
        setup.Complete();
        await audit.RecordAsync(AuditRecord.Of(user.UserName!, HttpContext.Connection.RemoteIpAddress?.ToString(), AuditAction.CreateFirstAdministrator, user.UserName,
            new AdministratorCreatedDetails("configuracion_inicial", user.FullName)), cancellationToken);
        await signIn.SignInAsync(user, isPersistent: false);
        return Redirect("/");
    }

    /// <summary>The setup form.</summary>
    public sealed class SetupInput
    {
        [Required(ErrorMessage = "Ingrese el código de configuración.")]
        public string Code { get; set; } = "";

        [Required(ErrorMessage = "Ingrese su nombre.")]
        [StringLength(200, ErrorMessage = "El nombre admite hasta 200 caracteres.")]
        public string FullName { get; set; } = "";

        [Required(ErrorMessage = "Ingrese su correo.")]
        [EmailAddress(ErrorMessage = "Ingrese un correo válido.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Ingrese una contraseña.")]
        [StringLength(200, MinimumLength = 12, ErrorMessage = "La contraseña debe tener al menos 12 caracteres.")]
        public string Password { get; set; } = "";

        [Compare(nameof(Password), ErrorMessage = "Las contraseñas no coinciden.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
