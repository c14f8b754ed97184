using System.Globalization;
using Cartero.Platform.Identity;
using Cartero.Platform.Secrets;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Accounts;

/// <summary>
/// Identity's password-reset token, made for Cartero: the payload (when it was made, its purpose, the person's
/// security stamp) is encrypted with the master key under a purpose bound to the person's id, so every instance that
/// shares the master key can check a token another one made. It lasts
/// <see cref="DataProtectionTokenProviderOptions.TokenLifespan"/> by the injected <see cref="TimeProvider"/>, and it is
/// single-use because a reset changes the security stamp it carries. Nothing about it is stored.
/// </summary>
public sealed class PasswordLinkTokenProvider(ISecretProtector protector, TimeProvider time, IOptions<DataProtectionTokenProviderOptions> options)
    : IUserTwoFactorTokenProvider<CarteroUser>
{
    public const string Name = "cartero-enlace";

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<CarteroUser> manager, CarteroUser user) => Task.FromResult(false);

    public async Task<string> GenerateAsync(string purpose, UserManager<CarteroUser> manager, CarteroUser user)
    {
        var stamp = await manager.GetSecurityStampAsync(user) ?? "";
        var payload = string.Join('\n', time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), purpose, stamp);
        return protector.Protect(payload, PurposeFor(user));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<CarteroUser> manager, CarteroUser user)
    {
        string payload;
        try
        {
            payload = protector.Unprotect(token, PurposeFor(user));
        }
        catch (Exception ex) when (ex is SecretKeyException or FormatException or ArgumentException)
        {
            return false;
        }

        var parts = payload.Split('\n');
        if (parts.Length != 3 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var madeAt))
        {
            return false;
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(madeAt);
        return age >= TimeSpan.Zero && age <= options.Value.TokenLifespan
            && string.Equals(parts[1], purpose, StringComparison.Ordinal)
            && string.Equals(parts[2], await manager.GetSecurityStampAsync(user) ?? "", StringComparison.Ordinal);
    }

    private static SecretPurpose PurposeFor(CarteroUser user) => new("usuario", "enlace_contrasena", user.Id.ToString());
}
