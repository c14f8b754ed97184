using System.Text;
using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Platform.Auth;
using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Cuenta;

/// <summary>
/// Turns on the authenticator-app second factor (TOTP): shows the key, checks a code, hands out recovery codes once;
/// turns it off, or hands out new recovery codes. Each of these is audited (never the key or the codes).
/// </summary>
public sealed class DobleFactorModel(UserManager<CarteroUser> users, SignInManager<CarteroUser> signIn, TwoFactorPolicy policy, IAuditTrail audit) : PageModel
{
    public bool Enabled { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string AuthenticatorUri { get; private set; } = "";

    /// <summary>The <see cref="AuthenticatorUri"/> as a QR code (PNG data URI), drawn here: the key never leaves the server.</summary>
    public string QrCodeDataUri { get; private set; } = "";
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }
    public bool Required { get; private set; }
    public bool Regenerated { get; private set; }

    [BindProperty]
    public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostActivarAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), "El código no es correcto. Escriba los 6 dígitos que muestra ahora la aplicación de autenticación.");
            await LoadAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 8))?.ToList();
        await RecordAsync(AuditAction.EnableTwoFactor, user, new EnableTwoFactorDetails("autenticador", RecoveryCodes?.Count ?? 0));
        await signIn.RefreshSignInAsync(user);
        await LoadAsync(user);
        return Page();
    }

    /// <summary>Replaces the recovery codes (the old ones stop working), e.g. when they were used up or may have been seen.</summary>
    public async Task<IActionResult> OnPostRegenerarAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToPage();
        }

        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 8))?.ToList();
        Regenerated = true;
        await RecordAsync(AuditAction.RegenerateRecoveryCodes, user, new RecoveryCodesDetails(RecoveryCodes?.Count ?? 0));
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDesactivarAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!await policy.IsRequiredForAsync(User, HttpContext.RequestAborted))
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            await RecordAsync(AuditAction.DisableTwoFactor, user);
            await signIn.RefreshSignInAsync(user);
        }

        return RedirectToPage();
    }

    private Task RecordAsync<TDetails>(AuditAction<TDetails> action, CarteroUser user, TDetails details)
        where TDetails : class
    {
        var actor = HttpContext.GetActor();
        return audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, action, user.UserName, details), HttpContext.RequestAborted);
    }

    private Task RecordAsync(AuditAction<NoDetails> action, CarteroUser user)
    {
        var actor = HttpContext.GetActor();
        return audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, action, user.UserName), HttpContext.RequestAborted);
    }

    private async Task LoadAsync(CarteroUser user)
    {
        Required = await policy.IsRequiredForAsync(User, HttpContext.RequestAborted);
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
            // A new key changes the security stamp, which every request checks: keep this session valid.
            await signIn.RefreshSignInAsync(user);
        }

        SharedKey = Group(key!);
        AuthenticatorUri = $"otpauth://totp/Cartero:{Uri.EscapeDataString(user.Email ?? user.UserName ?? "")}?secret={key}&issuer=Cartero&digits=6";
        using var qr = QRCoder.QRCodeGenerator.GenerateQrCode(AuthenticatorUri, QRCoder.QRCodeGenerator.ECCLevel.M);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new QRCoder.PngByteQRCode(qr).GetGraphic(6));
    }

    private static string Group(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLowerInvariant();
    }
}
