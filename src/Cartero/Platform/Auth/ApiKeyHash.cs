using System.Security.Cryptography;
using System.Text;

namespace Cartero.Platform.Auth;

/// <summary>How a key is stored and looked up: only its SHA-256, never the key itself.</summary>
public static class ApiKeyHash
{
    public static string Of(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
