using System.Diagnostics;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace Cartero.Tests.Infrastructure;

/// <summary>
/// A real IMAP server for the tests: Debian's Dovecot, started on a free loopback port with its own
/// configuration, static password and Maildir under a temp folder (see RECIPES, "IMAP server for bounce-mailbox
/// tests"). Any user name logs in with <see cref="Password"/>; mail for user <c>u</c> lives in <c>MailRoot/u</c>.
/// </summary>
public sealed class DovecotServer : IAsyncDisposable
{
    public const string Password = "secreto-imap-de-prueba";
    private readonly string _dir;
    private readonly string _config;

    private DovecotServer(string dir, string config, int port)
    {
        _dir = dir;
        _config = config;
        Port = port;
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>The Maildir root: <c>MailRoot/&lt;user&gt;</c> is that user's mailbox (Postfix can deliver into it).</summary>
    public string MailRoot => Path.Combine(_dir, "mail");

    public static async Task<DovecotServer> StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists("/usr/sbin/dovecot"))
        {
            throw new InvalidOperationException("Falta Dovecot: ejecute scripts/install-test-deps.sh (instala dovecot-imapd).");
        }

        var dir = Path.Combine(Path.GetTempPath(), "cartero-dovecot", Guid.NewGuid().ToString("N"));
        for (var attempt = 0; ; attempt++)
        {
            var port = PortFinder.FreePort();
            OpenDirectory(Path.Combine(dir, "mail"));
            OpenDirectory(Path.Combine(dir, "run"));
            OpenDirectory(Path.Combine(dir, "state"));
            var config = Path.Combine(dir, "dovecot.conf");
            await File.WriteAllTextAsync(config, $$"""
                base_dir = {{dir}}/run
                state_dir = {{dir}}/state
                log_path = {{dir}}/dovecot.log
                protocols = imap
                listen = 127.0.0.1
                ssl = no
                disable_plaintext_auth = no
                auth_mechanisms = plain login
                mail_location = maildir:{{dir}}/mail/%u
                passdb {
                  driver = static
                  args = password={{Password}}
                }
                userdb {
                  driver = static
                  args = uid=mail gid=mail home={{dir}}/mail/%u
                }
                service imap-login {
                  inet_listener imap {
                    address = 127.0.0.1
                    port = {{port}}
                  }
                  chroot =
                }
                service anvil {
                  chroot =
                }
                first_valid_uid = 1

                """, cancellationToken);

            // Dovecot refuses to serve mail as root; the mailboxes belong to 'mail', which Postfix's virtual delivery also uses.
            await Run("chown", ["-R", "mail:mail", Path.Combine(dir, "mail")], cancellationToken);
            await Run("/usr/sbin/dovecot", ["-c", config], cancellationToken);
            var server = new DovecotServer(dir, config, port);
            if (await server.WaitUntilListeningAsync(cancellationToken))
            {
                return server;
            }

            await server.DisposeAsync();
            if (attempt >= 2)
            {
                throw new InvalidOperationException($"Dovecot no arrancó en el puerto {port}: {await ReadLogAsync(dir)}");
            }

            dir = Path.Combine(Path.GetTempPath(), "cartero-dovecot", Guid.NewGuid().ToString("N"));
        }
    }

    /// <summary>An authenticated IMAP client (plain, loopback), the way a person would look at the mailbox.</summary>
    public async Task<ImapClient> ConnectAsync(string user, CancellationToken cancellationToken)
    {
        var client = new ImapClient();
        await client.ConnectAsync(Host, Port, SecureSocketOptions.None, cancellationToken);
        await client.AuthenticateAsync(user, Password, cancellationToken);
        return client;
    }

    /// <summary>Puts a message into <paramref name="user"/>'s INBOX with IMAP APPEND.</summary>
    public async Task AppendAsync(string user, MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = await ConnectAsync(user, cancellationToken);
        await client.Inbox.AppendAsync(message, MessageFlags.None, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }

    /// <summary>Delivers bytes exactly as given, the way an MTA drops a file into the Maildir's <c>new</c> folder (APPEND would need a parsable message).</summary>
    public async Task DeliverRawAsync(string user, byte[] raw, CancellationToken cancellationToken)
    {
        var maildir = Path.Combine(MailRoot, user);
        foreach (var sub in new[] { "new", "cur", "tmp" })
        {
            OpenDirectory(Path.Combine(maildir, sub));
        }

        var name = $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.P{Environment.ProcessId}Q{Guid.NewGuid():N}.cartero-tests";
        var temporary = Path.Combine(maildir, "tmp", name);
        await File.WriteAllBytesAsync(temporary, raw, cancellationToken);
        File.Move(temporary, Path.Combine(maildir, "new", name));
        await Run("chown", ["-R", "mail:mail", maildir], cancellationToken);
    }

    /// <summary>The subjects in a folder given by its path parts (<c>Cartero</c>, <c>Procesados</c>), with the server's separator; null when it does not exist.</summary>
    public async Task<IReadOnlyList<string>?> SubjectsAsync(string user, string[] path, CancellationToken cancellationToken)
    {
        using var client = await ConnectAsync(user, cancellationToken);
        IMailFolder folder;
        if (path is ["INBOX"])
        {
            folder = client.Inbox;
        }
        else
        {
            var separator = client.PersonalNamespaces[0].DirectorySeparator;
            try
            {
                folder = await client.GetFolderAsync(string.Join(separator, path), cancellationToken);
            }
            catch (FolderNotFoundException)
            {
                return null;
            }
        }

        await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
        // The server's envelope, not a MIME parse: a folder may hold messages no parser accepts.
        var subjects = folder.Count == 0
            ? []
            : (await folder.FetchAsync(0, -1, MessageSummaryItems.Envelope, cancellationToken)).Select(m => m.Envelope?.Subject ?? "").ToList();

        await client.DisconnectAsync(true, cancellationToken);
        return subjects;
    }

    private async Task<bool> WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(Host, Port, cancellationToken);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        return false;
    }

    private static async Task<string> ReadLogAsync(string dir) =>
        File.Exists(Path.Combine(dir, "dovecot.log")) ? await File.ReadAllTextAsync(Path.Combine(dir, "dovecot.log")) : "(sin registro)";

    /// <summary>
    /// Creates <paramref name="path"/> readable and traversable by everyone, up from the temp folder: the servers' own
    /// users (mail, postfix, dovenull) must reach their folders, and the app under test sets umask 077 for the whole process.
    /// </summary>
    internal static void OpenDirectory(string path)
    {
        Directory.CreateDirectory(path);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        var temp = Path.TrimEndingDirectorySeparator(Path.GetTempPath());
        for (var dir = new DirectoryInfo(path); dir is not null && dir.FullName != temp && dir.FullName.StartsWith(temp, StringComparison.Ordinal); dir = dir.Parent)
        {
            File.SetUnixFileMode(dir.FullName, mode);
        }
    }

    internal static async Task Run(string file, string[] args, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} terminó con {process.ExitCode}: {await stderr}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Run("/usr/bin/doveadm", ["-c", _config, "stop"], CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Not running (it failed to start); nothing to stop.
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A file Dovecot was still closing; the temp folder is cleaned by the OS.
        }
    }
}
