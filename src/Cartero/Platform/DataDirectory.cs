namespace Cartero.Platform;

/// <summary>The resolved data directory and the well-known folders inside it, private to the account that runs Cartero.</summary>
public sealed class DataDirectory
{
    public DataDirectory(string root)
    {
        Root = Path.GetFullPath(root);
        PrivateFiles.CreateDirectory(Root);
        // A folder made by an older version (or by hand) is tightened: 0700 keeps everything below it from other users.
        PrivateFiles.Restrict(Root);
        PrivateFiles.CreateDirectory(Keys);
        PrivateFiles.Restrict(Keys);
    }

    public string Root { get; }
    public string Keys => Path.Combine(Root, "keys");
    public string Attachments => Path.Combine(Root, "attachments");
    public string Outbox => Path.Combine(Root, "outbox");
    public string SentMessages => Path.Combine(Root, "sent");
    public string DatabaseFile => Path.Combine(Root, "cartero.db");
}
