using System.Runtime.InteropServices;

namespace Cartero.Platform;

/// <summary>
/// Everything Cartero writes (database, attachments, outgoing <c>.eml</c> files, keys) is for the account that runs it
/// only: folders <c>0700</c>, files <c>0600</c>. The process umask is set to <c>077</c> at start-up so files other code
/// creates (SQLite's WAL and SHM, the Data Protection key ring) follow too; the explicit modes here do not depend on it.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Group and others get nothing on what this process creates from now on (umask 077).</summary>
    public static void RestrictProcessUmask()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = Umask(0b_000_111_111);
        }
    }

    /// <summary>Creates the folder (and any missing parent) as <c>0700</c>; an existing one is left as it is.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, DirectoryMode);
        }
    }

    /// <summary>Opens a new file for writing, created as <c>0600</c>.</summary>
    public static FileStream CreateFile(string path, FileMode mode = System.IO.FileMode.CreateNew)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return new FileStream(path, options);
    }

    /// <summary>
    /// Takes group and other permissions away from an existing file or folder (data left by an older version). A shared
    /// folder with the sticky bit (such as /tmp) is never touched, and one the process may not change is left as it is.
    /// </summary>
    public static void Restrict(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const UnixFileMode groupAndOthers = (UnixFileMode)0b_000_111_111;
        try
        {
            var current = File.GetUnixFileMode(path);
            if ((current & UnixFileMode.StickyBit) != 0 || (current & groupAndOthers) == 0)
            {
                return;
            }

            File.SetUnixFileMode(path, current & ~groupAndOthers);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            // Not ours to change (another owner, read-only mount): the operator's choice stands.
        }
    }

    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint Umask(uint mask);
}
