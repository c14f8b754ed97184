namespace Cartero.Platform;

/// <summary>The resolved data directory and the well-known folders inside it.</summary>
public sealed class DataDirectory
{
    public DataDirectory(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }
    public string Keys => Path.Combine(Root, "keys");
    public string Attachments => Path.Combine(Root, "attachments");
    public string Outbox => Path.Combine(Root, "outbox");
    public string DatabaseFile => Path.Combine(Root, "cartero.db");
}
