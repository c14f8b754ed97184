using System.Security.Cryptography;
using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Platform.Cli;
using Cartero.Platform.Data;
using Microsoft.AspNetCore.Identity;

namespace Cartero.Platform.Identity;

/// <summary><c>admin create --email E --name N</c>: creates an administrator and prints its generated password once.</summary>
internal sealed class AdminCreateVerb(
    UserManager<CarteroUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    FirstRunSetup setup,
    CarteroDbContext db,
    IAuditTrail audit,
    TimeProvider time) : ICliVerb
{
    public IReadOnlyList<string> Words { get; } = ["admin", "create"];

    public string Usage => "admin create --email CORREO --name \"NOMBRE\"   crea un administrador e imprime su contraseña una sola vez";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var email = Option(arguments, "--email");
        var name = Option(arguments, "--name");
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(name))
        {
            await error.WriteLineAsync("Uso: " + Usage);
            return 2;
        }

        await FirstRunSetup.EnsureRolesAsync(roles);
        var first = !await FirstRunSetup.AdminExistsAsync(db, cancellationToken);
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        var user = new CarteroUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = name,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            await error.WriteLineAsync("No se creó el administrador: " + string.Join(" ", created.Errors.Select(e => e.Description)));
            return 1;
        }

        await users.AddToRoleAsync(user, CarteroRoles.Admin);
        setup.Complete();
        await audit.RecordAsync(AuditRecord.Of($"cli:{Environment.UserName}", null, first ? AuditAction.CreateFirstAdministrator : AuditAction.CreateAdministrator, email,
            new AdministratorCreatedDetails("cli", name)), cancellationToken);
        await output.WriteLineAsync($"Administrador '{email}' creado. Cambie la contraseña al ingresar; no se volverá a mostrar:");
        await output.WriteLineAsync(password);
        return 0;
    }

    private static string? Option(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (string.Equals(args[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return args[i + 1];
            }
        }

        return null;
    }
}
