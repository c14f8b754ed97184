namespace Cartero.Platform.Auth;

/// <summary>The authentication scheme of machine clients (<c>Authorization: Bearer &lt;api key&gt;</c>).</summary>
public static class ApiKeyScheme
{
    public const string Name = "ApiKey";

    /// <summary>Claim present on principals authenticated by an API key.</summary>
    public const string KeyClaim = "cartero:apikey";
}
