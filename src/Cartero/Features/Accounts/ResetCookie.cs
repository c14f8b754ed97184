using Cartero.Platform.Secrets;

namespace Cartero.Features.Accounts;

/// <summary>
/// Holds a followed link's person and code between the link and the form, encrypted, so the code leaves the address
/// bar at once (browser history, a Referer) and is never written into a page.
/// </summary>
public sealed class ResetCookie(ISecretProtector protector, TimeProvider time)
{
    public const string Name = "cartero.restablecer";
    private const string Path = "/cuenta/restablecer";
    private static readonly SecretPurpose Purpose = new("cookie", Name, "-");

    public void Write(HttpContext http, Guid userId, string code) =>
        http.Response.Cookies.Append(Name, protector.Protect($"{userId}\n{code}", Purpose), new CookieOptions
        {
            HttpOnly = true,
            // Lax: the link is followed from a mail client, a cross-site top-level navigation.
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            Path = Path,
            Expires = time.GetUtcNow().AddHours(2),
        });

    public (Guid UserId, string Code)? Read(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(Name, out var value))
        {
            return null;
        }

        try
        {
            var parts = protector.Unprotect(value, Purpose).Split('\n', 2);
            return parts.Length == 2 && Guid.TryParse(parts[0], out var id) ? (id, parts[1]) : null;
        }
        catch (Exception ex) when (ex is SecretKeyException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    public static void Clear(HttpContext http) => http.Response.Cookies.Delete(Name, new CookieOptions { Path = Path });
}
