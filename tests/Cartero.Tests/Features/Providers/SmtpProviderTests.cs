using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cartero.Features.Providers;
using Cartero.Features.Providers.Smtp;
using Cartero.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cartero.Tests.Features.Providers;

/// <summary>The SMTP provider against a real SMTP server (the smtp-server peer).</summary>
public sealed class SmtpProviderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MailAccount Account(int port, SmtpSecurity security = SmtpSecurity.None, string? user = null, string? password = null, string? trusted = null) => new()
    {
        Provider = "smtp", Host = "127.0.0.1", Port = port, Security = security, Username = user, Password = password,
        TrustedCertificateSha256 = trusted, From = new EmailAddress("facturas@optica.ec", "Óptica Visión"),
        ReplyTo = new EmailAddress("atencion@optica.ec"),
    };

    private static OutgoingEmail Email(string to, IReadOnlyList<EmailAddress>? cc = null, IReadOnlyList<OutgoingAttachment>? attachments = null)
    {
        var id = Guid.CreateVersion7();
        return new OutgoingEmail(id, $"{id:N}@cartero.test", new EmailAddress(to, "Ana Pérez"), cc ?? [], [],
            "Su factura 001-001-000000123", "<p>Adjuntamos su factura.</p>", "Adjuntamos su factura.", attachments ?? [], "factura");
    }

    private static async Task<IEmailProviderSession> SessionAsync(MailAccount account, SmtpOptions? options = null) =>
        await new SmtpEmailProvider(TimeProvider.System, NullLoggerFactory.Instance,
            new OutboundHostPolicy(Microsoft.Extensions.Options.Options.Create(new OutboundHostOptions { AllowPrivateNetworks = true })),
            Microsoft.Extensions.Options.Options.Create(options ?? new SmtpOptions())).OpenSessionAsync(account, Ct);

    [Fact]
    public async Task An_accepted_message_carries_its_ids_both_parts_and_the_attachment()
    {
        await using var peer = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var session = await SessionAsync(Account(peer.Port));
        var pdf = "%PDF-1.4 RIDE"u8.ToArray();
        var email = Email("ana@correo.ec", attachments: [new OutgoingAttachment("RIDE.pdf", "application/pdf", pdf.Length, "x", _ => Task.FromResult<Stream>(new MemoryStream(pdf)))]);

        var result = await session.SendAsync(email, Ct);

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        Assert.Equal(250, result.Code);
        Assert.NotNull(result.ProviderMessageId);
        Assert.Contains(result.ProviderMessageId!, result.Detail);
        var received = Assert.Single(await peer.GetMessagesAsync(Ct));
        Assert.Equal($"<{email.MessageId}>", received.MessageId);
        Assert.Equal(email.LogId.ToString(), received.CarteroId);
        Assert.Equal("facturas@optica.ec", received.From);
        Assert.Contains("multipart/alternative", received.Raw);
        Assert.Contains("text/html", received.Raw);
        Assert.Contains("filename=RIDE.pdf", received.Raw.Replace("\"", ""));
        Assert.Contains("Reply-To: atencion@optica.ec", received.Raw);
    }

    [Fact]
    public async Task Several_messages_share_one_kept_alive_connection()
    {
        await using var peer = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var session = await SessionAsync(Account(peer.Port));

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(SendOutcome.Accepted, (await session.SendAsync(Email($"cliente{i}@correo.ec"), Ct)).Outcome);
        }

        var stats = await peer.GetStatsAsync(Ct);
        Assert.Equal(5, stats.Messages);
        Assert.Equal(1, stats.Connections);
    }

    [Fact]
    public async Task A_550_is_permanent_with_the_server_text_and_the_session_goes_on()
    {
        await using var peer = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var session = await SessionAsync(Account(peer.Port));

        var rejected = await session.SendAsync(Email("rechazo550-ana@correo.ec"), Ct);
        var next = await session.SendAsync(Email("luis@correo.ec"), Ct);

        Assert.Equal(SendOutcome.Permanent, rejected.Outcome);
        Assert.Equal(550, rejected.Code);
        Assert.Contains("5.1.1", rejected.Detail);
        Assert.Contains("User unknown", rejected.Detail);
        Assert.Equal(SendOutcome.Accepted, next.Outcome);
    }

    [Fact]
    public async Task A_451_is_transient()
    {
        await using var peer = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var session = await SessionAsync(Account(peer.Port));

        var deferred = await session.SendAsync(Email("diferido451-ana@correo.ec"), Ct);

        Assert.Equal(SendOutcome.Transient, deferred.Outcome);
        Assert.Equal(451, deferred.Code);
        Assert.Contains("Greylisted", deferred.Detail);
    }

    [Fact]
    public async Task A_refused_copy_recipient_does_not_stop_the_message_to_the_others()
    {
        await using var peer = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var session = await SessionAsync(Account(peer.Port));

        var result = await session.SendAsync(Email("ana@correo.ec", cc: [new EmailAddress("rechazo550-copia@correo.ec")]), Ct);

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        var rejected = Assert.Single(result.RejectedRecipients!);
        Assert.Equal("rechazo550-copia@correo.ec", rejected.Address);
        Assert.Equal(550, rejected.Code);
        Assert.Equal(["ana@correo.ec"], Assert.Single(await peer.GetMessagesAsync(Ct)).To);
    }

    [Fact]
    public async Task A_refused_connection_is_an_account_failure_because_nothing_was_handed_over()
    {
        await using var session = await SessionAsync(Account(PortFinder.FreePort()));

        var result = await session.SendAsync(Email("ana@correo.ec"), Ct);

        Assert.Equal(SendOutcome.AccountFailure, result.Outcome);
        Assert.Null(result.Code);
        Assert.Contains("ConnectionRefused", result.Detail);
    }

    [Fact]
    public async Task A_server_that_never_greets_fails_within_the_connect_timeout_as_an_account_failure()
    {
        await using var peer = await SmtpPeer.StartAsync(new SmtpPeerOptions { NoGreeting = true }, Ct);
        await using var session = await SessionAsync(Account(peer.Port), new SmtpOptions { ConnectTimeout = TimeSpan.FromMilliseconds(500) });

        var sent = await session.SendAsync(Email("ana@correo.ec"), Ct);
        var probed = await session.ProbeAsync(Ct);

        Assert.Equal(SendOutcome.AccountFailure, sent.Outcome);
        Assert.Contains("saludo", sent.Detail);
        Assert.Equal(SendOutcome.AccountFailure, probed!.Outcome);
        Assert.Equal(2, (await peer.GetStatsAsync(Ct)).Connections);
    }

    [Fact]
    public async Task A_probe_checks_connection_and_authentication_and_sends_nothing()
    {
        await using var peer = await SmtpPeer.StartAsync(new SmtpPeerOptions { Username = "cartero", Password = "la-correcta-2026" }, Ct);
        await using var right = await SessionAsync(Account(peer.Port, user: "cartero", password: "la-correcta-2026"));
        await using var wrong = await SessionAsync(Account(peer.Port, user: "cartero", password: "MiClaveSecreta#77"));
        await using var down = await SessionAsync(Account(PortFinder.FreePort()));

        var ok = await right.ProbeAsync(Ct);
        var refused = await wrong.ProbeAsync(Ct);
        var unreachable = await down.ProbeAsync(Ct);

        Assert.Equal(SendOutcome.Accepted, ok!.Outcome);
        Assert.Equal(SendOutcome.AccountFailure, refused!.Outcome);
        Assert.Equal(535, refused.Code);
        Assert.DoesNotContain("MiClaveSecreta#77", refused.Detail);
        Assert.Equal(SendOutcome.AccountFailure, unreachable!.Outcome);
        Assert.Empty(await peer.GetMessagesAsync(Ct));
        Assert.True((await peer.GetStatsAsync(Ct)).AuthFailures >= 1);
    }

    [Fact]
    public async Task A_connection_dropped_mid_data_is_transient_and_the_next_send_reconnects()
    {
        await using var peer = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var session = await SessionAsync(Account(peer.Port));

        var cut = await session.SendAsync(Email("corte-ana@correo.ec"), Ct);
        var next = await session.SendAsync(Email("luis@correo.ec"), Ct);

        Assert.Equal(SendOutcome.Transient, cut.Outcome);
        Assert.Equal(SendOutcome.Accepted, next.Outcome);
        Assert.Equal(2, (await peer.GetStatsAsync(Ct)).Connections);
    }

    [Fact]
    public async Task A_wrong_password_is_an_account_failure_that_never_shows_the_password()
    {
        await using var peer = await SmtpPeer.StartAsync(new SmtpPeerOptions { Username = "cartero", Password = "la-correcta-2026" }, Ct);
        await using var wrong = await SessionAsync(Account(peer.Port, user: "cartero", password: "MiClaveSecreta#77"));
        await using var right = await SessionAsync(Account(peer.Port, user: "cartero", password: "la-correcta-2026"));

        var refused = await wrong.SendAsync(Email("ana@correo.ec"), Ct);
        var accepted = await right.SendAsync(Email("ana@correo.ec"), Ct);

        Assert.Equal(SendOutcome.AccountFailure, refused.Outcome);
        Assert.Equal(535, refused.Code);
        Assert.Contains("autenticación", refused.Detail);
        Assert.DoesNotContain("MiClaveSecreta#77", refused.Detail);
        Assert.Equal(SendOutcome.Accepted, accepted.Outcome);
        Assert.Equal("cartero", Assert.Single(await peer.GetMessagesAsync(Ct)).User);
    }

    [Fact]
    public async Task A_self_signed_certificate_is_refused_unless_its_fingerprint_is_trusted()
    {
        using var certificate = SelfSignedCertificate(out var keyFile, out var certFile);
        await using var peer = await SmtpPeer.StartAsync(new SmtpPeerOptions { TlsKeyFile = keyFile, TlsCertificateFile = certFile }, Ct);
        var fingerprint = Convert.ToHexString(SHA256.HashData(certificate.RawData));

        await using var strict = await SessionAsync(Account(peer.Port, SmtpSecurity.StartTls));
        var refused = await strict.SendAsync(Email("ana@correo.ec"), Ct);
        await using var otherPin = await SessionAsync(Account(peer.Port, SmtpSecurity.StartTls, trusted: new string('A', 64)));
        var wrongPin = await otherPin.SendAsync(Email("ana@correo.ec"), Ct);
        await using var pinned = await SessionAsync(Account(peer.Port, SmtpSecurity.StartTls, trusted: fingerprint.ToLowerInvariant()));
        var accepted = await pinned.SendAsync(Email("ana@correo.ec"), Ct);

        Assert.Equal(SendOutcome.AccountFailure, refused.Outcome);
        Assert.Contains("certificado", refused.Detail);
        Assert.Equal(SendOutcome.AccountFailure, wrongPin.Outcome);
        Assert.Equal(SendOutcome.Accepted, accepted.Outcome);
        Assert.True(Assert.Single(await peer.GetMessagesAsync(Ct)).Secure);
    }

    private static X509Certificate2 SelfSignedCertificate(out string keyFile, out string certFile)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=smtp.prueba.local", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var dir = Directory.CreateTempSubdirectory("cartero-tls-").FullName;
        keyFile = Path.Combine(dir, "key.pem");
        certFile = Path.Combine(dir, "cert.pem");
        File.WriteAllText(keyFile, rsa.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        return certificate;
    }
}
