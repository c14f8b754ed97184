using System.Net.Sockets;

namespace Cartero.Tests.Infrastructure;

/// <summary>
/// A real MTA for the bounce tests: a second instance of Debian's Postfix with its own configuration, queue and
/// data folders (<c>postfix -c &lt;dir&gt;</c>), listening on a free loopback port instead of 25. Mail for
/// <see cref="RelayDomain"/> is relayed to a given SMTP server (which can refuse it after Postfix accepted it);
/// mail for <see cref="BounceDomain"/> is delivered into a Maildir (the one Dovecot serves), so the DSNs Postfix
/// writes end up in the bounce mailbox.
/// </summary>
public sealed class PostfixServer : IAsyncDisposable
{
    public const string RelayDomain = "destino.test";
    public const string BounceDomain = "rebotes.test";
    private readonly string _dir;

    private PostfixServer(string dir, int port)
    {
        _dir = dir;
        Port = port;
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    private string ConfigDir => Path.Combine(_dir, "conf");

    /// <param name="relayPort">Where mail for <see cref="RelayDomain"/> goes (an SMTP peer on loopback).</param>
    /// <param name="maildirRoot">The folder under which <paramref name="bounceUser"/>'s Maildir lives.</param>
    public static async Task<PostfixServer> StartAsync(int relayPort, string maildirRoot, string bounceUser, CancellationToken cancellationToken)
    {
        if (!File.Exists("/usr/sbin/postfix"))
        {
            throw new InvalidOperationException("Falta Postfix: ejecute scripts/install-test-deps.sh (instala postfix).");
        }

        var dir = Path.Combine(Path.GetTempPath(), "cartero-postfix", Guid.NewGuid().ToString("N"));
        var port = PortFinder.FreePort();
        foreach (var sub in new[] { "conf", "spool", "data" })
        {
            DovecotServer.OpenDirectory(Path.Combine(dir, sub));
        }

        await File.WriteAllTextAsync(Path.Combine(dir, "conf", "main.cf"), $"""
            compatibility_level = 3.6
            queue_directory = {dir}/spool
            data_directory = {dir}/data
            mail_owner = postfix
            setgid_group = postdrop
            myhostname = mta.cartero.test
            mydomain = cartero.test
            myorigin = cartero.test
            mydestination =
            inet_interfaces = 127.0.0.1
            inet_protocols = ipv4
            mynetworks = 127.0.0.0/8
            maillog_file = {dir}/postfix.log
            maillog_file_prefixes = {dir}
            relay_domains = {RelayDomain}
            transport_maps = inline:{"{"} {RelayDomain}=smtp:[127.0.0.1]:{relayPort} {"}"}
            smtpd_relay_restrictions = permit_mynetworks, reject
            smtp_tls_security_level = none
            smtpd_tls_security_level = none
            virtual_mailbox_domains = {BounceDomain}
            virtual_mailbox_base = {maildirRoot}
            virtual_mailbox_maps = static:{bounceUser}/
            virtual_minimum_uid = 1
            virtual_uid_maps = static:8
            virtual_gid_maps = static:8
            recipient_delimiter = +
            alias_maps =
            alias_database =
            biff = no

            """, cancellationToken);

        // Debian's services, nothing chrooted, and smtpd on the test's own port instead of 25.
        await File.WriteAllTextAsync(Path.Combine(dir, "conf", "master.cf"), $"""
            127.0.0.1:{port} inet n - n - - smtpd
            pickup    unix  n       -       n       60      1       pickup
            cleanup   unix  n       -       n       -       0       cleanup
            qmgr      unix  n       -       n       300     1       qmgr
            tlsmgr    unix  -       -       n       1000?   1       tlsmgr
            rewrite   unix  -       -       n       -       -       trivial-rewrite
            bounce    unix  -       -       n       -       0       bounce
            defer     unix  -       -       n       -       0       bounce
            trace     unix  -       -       n       -       0       bounce
            verify    unix  -       -       n       -       1       verify
            flush     unix  n       -       n       1000?   0       flush
            proxymap  unix  -       -       n       -       -       proxymap
            smtp      unix  -       -       n       -       -       smtp
            relay     unix  -       -       n       -       -       smtp
            showq     unix  n       -       n       -       -       showq
            error     unix  -       -       n       -       -       error
            retry     unix  -       -       n       -       -       error
            discard   unix  -       -       n       -       -       discard
            local     unix  -       n       n       -       -       local
            virtual   unix  -       n       n       -       -       virtual
            lmtp      unix  -       -       n       -       -       lmtp
            anvil     unix  -       -       n       -       1       anvil
            scache    unix  -       -       n       -       1       scache
            postlog   unix-dgram n  -       n       -       1       postlogd

            """, cancellationToken);

        // The master process takes its lock in data_directory as the mail owner.
        await DovecotServer.Run("chown", ["postfix", Path.Combine(dir, "data")], cancellationToken);
        var server = new PostfixServer(dir, port);
        try
        {
            await DovecotServer.Run("/usr/sbin/postfix", ["-c", server.ConfigDir, "start"], cancellationToken);
            await server.WaitUntilListeningAsync(cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            var log = server.Log();
            await server.DisposeAsync();
            throw new InvalidOperationException($"Postfix no arrancó en el puerto {port}: {ex.Message}\n{log}", ex);
        }

        return server;
    }

    /// <summary>What Postfix logged (its maillog_file), for failure messages.</summary>
    public string Log()
    {
        var path = Path.Combine(_dir, "postfix.log");
        return File.Exists(path) ? File.ReadAllText(path) : "(sin registro)";
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(Host, Port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        throw new InvalidOperationException("Postfix no abrió su puerto SMTP.");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await DovecotServer.Run("/usr/sbin/postfix", ["-c", ConfigDir, "stop"], CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Not running; nothing to stop.
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A queue file still being closed; the temp folder is cleaned by the OS.
        }
    }
}
