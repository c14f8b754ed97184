namespace Cartero.Platform.Secrets;

/// <summary><c>Cartero:Secrets</c>: where the master key comes from when not from the data directory.</summary>
public sealed class SecretsOptions
{
    /// <summary>A file holding the master key (base64 of 32 bytes), e.g. a mounted secret.</summary>
    public string? MasterKeyFile { get; set; }

    /// <summary>The master key itself as base64 (for containers that inject secrets as variables).</summary>
    public string? MasterKey { get; set; }
}
