namespace Cartero.Platform.Auth;

/// <summary>A machine client's key (<c>clave_api</c>). Only the SHA-256 of the secret is stored.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The first characters of the key, shown so people can tell keys apart.</summary>
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    public bool IsAdmin { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}
