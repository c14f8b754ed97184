using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Microsoft.AspNetCore.Identity;

namespace Cartero.Platform.Identity;

/// <summary>
/// The panel's sign-in steps (password, then the authenticator or a recovery code), with the progressive delay of
/// <see cref="SignInThrottle"/> and an audit row for every sign-in, failure and imposed wait. An unknown account costs
/// the same password hash as a known one and gets the same answer, so neither text nor time tells which accounts exist.
/// </summary>
public sealed partial class PanelSignIn(
    SignInManager<CarteroUser> signIn,
    UserManager<CarteroUser> users,
    IPasswordHasher<CarteroUser> hasher,
    SignInThrottle throttle,
    IAuditTrail audit,
    ILogger<PanelSignIn> log)
{
    private static readonly CarteroUser DummyUser = new() { Id = Guid.Empty, UserName = "", Email = "", FullName = "" };
    private static readonly Lock DummyGate = new();
    private static string? _dummyHash;

    public async Task<PanelSignInOutcome> PasswordAsync(string account, string password, string? address, CancellationToken cancellationToken)
    {
        account = Clean(account);
        if (throttle.WaitFor(account, address) is { } wait && wait > TimeSpan.Zero)
        {
            LogRefused(log, account, address, (int)Math.Ceiling(wait.TotalSeconds));
            return new PanelSignInOutcome(false, false, wait);
        }

        var user = await users.FindByNameAsync(account);
        string reason;
        if (user is null)
        {
            hasher.VerifyHashedPassword(DummyUser, DummyHash(), password);
            reason = "cuenta_desconocida";
        }
        else
        {
            var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
            if (result.Succeeded)
            {
                throttle.RecordSuccess(account);
                await RecordAsync(user.UserName!, address, AuditAction.SignIn, new SignInDetails("contrasena"), cancellationToken);
                return new PanelSignInOutcome(true, false, null);
            }

            if (result.RequiresTwoFactor)
            {
                // The failures stay counted until the second step succeeds: a known password must not buy more code guesses.
                return new PanelSignInOutcome(false, true, null);
            }

            if (result.IsLockedOut || result.IsNotAllowed)
            {
                // Identity answers these before hashing; hash anyway so the time says nothing either.
                hasher.VerifyHashedPassword(DummyUser, DummyHash(), password);
            }

            reason = result.IsLockedOut ? "cuenta_bloqueada" : result.IsNotAllowed ? "cuenta_no_permitida" : "contrasena_incorrecta";
        }

        return await FailAsync(account, address, reason, cancellationToken);
    }

    /// <summary>The second step: a 6-digit authenticator code or a recovery code, for the user who passed the password.</summary>
    public async Task<PanelSignInOutcome> SecondFactorAsync(CarteroUser user, string code, string? address, CancellationToken cancellationToken)
    {
        var account = user.UserName ?? "";
        if (throttle.WaitFor(account, address) is { } wait && wait > TimeSpan.Zero)
        {
            LogRefused(log, account, address, (int)Math.Ceiling(wait.TotalSeconds));
            return new PanelSignInOutcome(false, false, wait);
        }

        code = code.Replace(" ", "", StringComparison.Ordinal);
        var authenticator = code.Length == 6 && code.All(char.IsAsciiDigit);
        var result = authenticator
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            throttle.RecordSuccess(account);
            await RecordAsync(account, address, AuditAction.SignIn, new SignInDetails(authenticator ? "autenticador" : "codigo_recuperacion"), cancellationToken);
            return new PanelSignInOutcome(true, false, null);
        }

        return await FailAsync(account, address, authenticator ? "codigo_incorrecto" : "codigo_recuperacion_incorrecto", cancellationToken);
    }

    private async Task<PanelSignInOutcome> FailAsync(string account, string? address, string reason, CancellationToken cancellationToken)
    {
        var count = throttle.RecordFailure(account, address);
        await RecordAsync(account, address, AuditAction.SignInFailed, new SignInFailedDetails(reason, count.AccountFailures), cancellationToken);
        if (count.Wait > TimeSpan.Zero)
        {
            await RecordAsync(account, address, AuditAction.SignInDelayed, new SignInDelayedDetails((int)Math.Ceiling(count.Wait.TotalSeconds), count.AccountFailures, count.AddressFailures), cancellationToken);
        }

        return PanelSignInOutcome.Failed;
    }

    private Task RecordAsync<TDetails>(string account, string? address, AuditAction<TDetails> action, TDetails details, CancellationToken cancellationToken)
        where TDetails : class =>
        audit.RecordAsync(AuditRecord.Of(account, address, action, account, details), cancellationToken);

    /// <summary>What was typed as the account, without control characters and at most 256 characters, for lookups and the audit trail.</summary>
    private static string Clean(string account)
    {
        var clean = new string(account.Trim().Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format).ToArray());
        return clean.Length <= 256 ? clean : clean[..256];
    }

    private string DummyHash()
    {
        lock (DummyGate)
        {
            // Made by the configured hasher, so checking against it costs what checking a real password costs.
            return _dummyHash ??= hasher.HashPassword(DummyUser, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intento de ingreso de {Account} desde {Address} rechazado sin revisar la contraseña: debe esperar {Seconds} s por fallos anteriores.")]
    private static partial void LogRefused(ILogger logger, string account, string? address, int seconds);
}
