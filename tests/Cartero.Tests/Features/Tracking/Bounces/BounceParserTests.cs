using Cartero.Features.Tracking.Bounces;
using Cartero.Tests.Infrastructure;
using MimeKit;

namespace Cartero.Tests.Features.Tracking.Bounces;

/// <summary>
/// The parser over stored samples shaped like what real servers send (Postfix, Gmail, Office 365, legacy Exchange,
/// qmail, Exim, RFC 3834 and X-Autoreply answers). The Postfix one was produced by Postfix itself for this suite.
/// </summary>
public sealed class BounceParserTests
{
    private static readonly BounceParser Parser = new("cartero.local");

    public static string SamplePath(string name) =>
        Path.Combine(RepositoryPaths.Root, "tests", "Cartero.Tests", "Features", "Tracking", "Bounces", "Samples", name);

    private static BounceReport Parse(string name, string? returnPath = null)
    {
        using var stream = File.OpenRead(SamplePath(name));
        return Parser.Parse(MimeMessage.Load(stream, TestContext.Current.CancellationToken), returnPath);
    }

    public static TheoryData<string, BounceKind, string?, string?, string?, string?, string?> Samples() => new()
    {
        // file, kind, email id, status, recipient, diagnostic (contains), remote MTA (contains)
        { "postfix-hard-550.eml", BounceKind.Hard, "0193aaaabbbbccccddddeeeeffff0000", "5.1.1", "rechazo550-x@destino.test", "550 5.1.1 <rechazo550-x@destino.test>: Recipient address rejected", "127.0.0.1" },
        { "postfix-delayed-451.eml", BounceKind.Soft, "01938c2e5f4a7b6c8d9e0f1a2b3c4d5e", "4.7.1", "maria.lopez@clinica-norte.ec", "451 4.7.1 Greylisting", "mx.clinica-norte.ec" },
        { "gmail-hard-551.eml", BounceKind.Hard, "01938c2e5f4a7b6c8d9e0f1a2b3c4d01", "5.1.1", "jperez.no.existe@gmail.com", "550-5.1.1 The email account that you tried to reach does not exist", "gmail-smtp-in.l.google.com" },
        { "office365-hard-541.eml", BounceKind.Hard, "01938c2e5f4a7b6c8d9e0f1a2b3c4d02", "5.4.1", "contabilidad@distribuidora-andina.com.ec", "550 5.4.1 Recipient address rejected: Access denied", "SN1NAM02FT0059.eop-nam02.prod.protection.outlook.com" },
        { "qmail-hard.eml", BounceKind.Hard, "01938c2e5f4a7b6c8d9e0f1a2b3c4d03", "5.1.1", "ventas@ferreteria-el-sol.ec", "550 5.1.1 <ventas@ferreteria-el-sol.ec>: Recipient address rejected: User unknown in virtual mailbox table", "200.107.14.6" },
        { "exim-hard.eml", BounceKind.Hard, "01938c2e5f4a7b6c8d9e0f1a2b3c4d04", "5.2.1", "gerencia@laboratorio-vision.ec", "550 5.2.1 The email account that you tried to reach is disabled", "mx1.laboratorio-vision.ec [186.3.44.120]" },
        { "exim-delayed.eml", BounceKind.Soft, "01938c2e5f4a7b6c8d9e0f1a2b3c4d05", "4.2.2", "compras@opticas-del-sur.ec", "452 4.2.2 Mailbox full", "mail.opticas-del-sur.ec [181.39.85.2]" },
        { "exchange-legacy-text.eml", BounceKind.Hard, "01938c2e5f4a7b6c8d9e0f1a2b3c4d06", "5.1.1", "dr.salazar@hospital-metro.ec", "smtp;550 5.1.1 RESOLVER.ADR.RecipNotFound", "EXCH01.hospital-metro.local" },
        { "autoreply-rfc3834.eml", BounceKind.AutoReply, "01938c2e5f4a7b6c8d9e0f1a2b3c4d07", null, null, null, null },
        { "autoreply-x-autoreply.eml", BounceKind.AutoReply, "01938c2e5f4a7b6c8d9e0f1a2b3c4d08", null, null, null, null },
        { "foreign-dsn-hard.eml", BounceKind.Hard, null, "5.1.1", "nadie@otro-dominio.ec", "550 5.1.1 User unknown", null },
        { "unrelated-human.eml", BounceKind.Unrecognized, null, null, null, null, null },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_sample_gives_its_kind_email_and_the_servers_words(string file, BounceKind kind, string? emailId, string? status, string? recipient, string? diagnostic, string? remoteMta)
    {
        var report = Parse(file);

        Assert.Equal(kind, report.Kind);
        Assert.Equal(emailId is null ? null : Guid.ParseExact(emailId, "N"), report.EmailId);
        Assert.Equal(status, report.Status);
        Assert.Equal(recipient, report.Recipient);
        if (diagnostic is null)
        {
            Assert.Null(report.DiagnosticCode);
        }
        else
        {
            Assert.Contains(diagnostic, report.DiagnosticCode);
        }

        if (remoteMta is null)
        {
            Assert.Null(report.RemoteMta);
        }
        else
        {
            Assert.Contains(remoteMta, report.RemoteMta);
        }
    }

    [Fact]
    public void A_postfix_dsn_names_its_email_by_the_verp_address_first_and_by_the_quoted_message_id_without_it()
    {
        Assert.Equal("verp", Parse("postfix-hard-550.eml", "rebotes@rebotes.test").MatchedBy);
        Assert.Equal("verp", Parse("postfix-hard-550.eml").MatchedBy);

        // A return path that is not this mailbox's: the tag in the address is not trusted, the quoted original still is.
        var other = Parse("postfix-hard-550.eml", "rebotes@optica.ec");
        Assert.Equal("message-id", other.MatchedBy);
        Assert.Equal(Guid.ParseExact("0193aaaabbbbccccddddeeeeffff0000", "N"), other.EmailId);
    }

    [Fact]
    public void Message_ids_of_another_domain_or_shape_never_match()
    {
        var parser = new BounceParser("otro.dominio");

        using var stream = File.OpenRead(SamplePath("gmail-hard-551.eml"));
        var report = parser.Parse(MimeMessage.Load(stream, TestContext.Current.CancellationToken));

        // Only the X-Cartero-Id header of the quoted original is left to tie it to an email.
        Assert.Equal(Guid.Parse("01938c2e-5f4a-7b6c-8d9e-0f1a2b3c4d01"), report.EmailId);
        Assert.Equal(BounceKind.Hard, report.Kind);

        using var auto = File.OpenRead(SamplePath("autoreply-rfc3834.eml"));
        Assert.Null(parser.Parse(MimeMessage.Load(auto, TestContext.Current.CancellationToken)).EmailId);
    }

    [Theory]
    [InlineData("From: MAILER-DAEMON@relay.optica.ec\r\nContent-Type: multipart/report; report-type=delivery-status\r\n\r\nsin partes ni separador\r\n")]
    [InlineData("From: MAILER-DAEMON@relay.optica.ec\r\nContent-Type: message/delivery-status\r\n\r\n\u0001\u0002 nada: que; ver\r\n\r\nAction: ???\r\n")]
    [InlineData("Subject: failure notice\r\nContent-Type: text/plain\r\n\r\nNo se dice nada útil aquí.\r\n")]
    public void A_broken_report_is_unrecognized_not_an_exception(string raw)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw));
        var report = Parser.Parse(MimeMessage.Load(stream, TestContext.Current.CancellationToken));

        Assert.Equal(BounceKind.Unrecognized, report.Kind);
        Assert.Null(report.EmailId);
    }

    [Fact]
    public void The_description_is_spanish_and_carries_the_diagnostic()
    {
        var text = Parse("postfix-hard-550.eml").Describe();

        Assert.StartsWith("Rebote definitivo; estado 5.1.1; destinatario rechazo550-x@destino.test; servidor remoto 127.0.0.1; diagnóstico: 550 5.1.1", text);
    }
}
