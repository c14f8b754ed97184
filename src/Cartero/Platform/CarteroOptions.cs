namespace Cartero.Platform;

/// <summary>The <c>Cartero</c> configuration section (env <c>Cartero__*</c>).</summary>
public sealed class CarteroOptions
{
    public const string Section = "Cartero";

    /// <summary>Where the embedded database, keys, attachments and pickup folder live.</summary>
    public string DataDirectory { get; set; } = "./data";

    public DatabaseOptions Database { get; set; } = new();
}
