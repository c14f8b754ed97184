using System.Security.Cryptography;
using System.Text;
using Cartero.Features.Providers;
using Cartero.Features.Providers.Smtp;
using Cartero.Tests.Infrastructure;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace Cartero.Tests.Features.Providers;

/// <summary>
/// The bytes the SMTP provider keeps for the proof are the bytes the server received in DATA, for every kind of message
/// Cartero sends and for servers with and without SIZE and 8BITMIME; and keeping them costs MailKit no serialisation of
/// the message beyond the ones it makes anyway when the server announces SIZE.
/// </summary>
public sealed class SentMessageBytesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] Pdf = [.. "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj << /Type /Catalog >> endobj\n"u8, 0, 1, 2, 255, 254, 10, 13, 0x80];

    private static readonly byte[] Xml = Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<factura id=\"comprobante\"><razonSocial>Óptica Visión Cía. Ltda.</razonSocial>" +
        string.Concat(Enumerable.Range(0, 40).Select(i => $"<detalle><descripcion>Lente progresivo {i} antirreflejo</descripcion></detalle>")) +
        "</factura>\n");

    private static readonly string[] Kinds = ["ascii", "acentos", "alternativa", "adjuntos", "cabeceras-largas"];

    private static OutgoingAttachment Attachment(string name, string type, byte[] bytes) =>
        new(name, type, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)), _ => Task.FromResult<Stream>(new MemoryStream(bytes)));

    private static OutgoingEmail Email(string kind)
    {
        var id = Guid.CreateVersion7();
        var longName = "María José de los Ángeles Pérez Villacís, Departamento de Facturación Electrónica y Cobranzas";
        return kind switch
        {
            "ascii" => new OutgoingEmail(id, $"{id:N}@cartero.test", new EmailAddress("ana@correo.ec", "Ana Perez"), [], [],
                "Your order is ready", null, "Your order P-77 is ready.\nPick it up at the Quitumbe branch.\n", [], "pedido"),
            "acentos" => new OutgoingEmail(id, $"{id:N}@cartero.test", new EmailAddress("ana@correo.ec", "Ana Pérez"), [], [],
                "Su pedido está listo", null, "Su pedido de lentes está listo.\nRetírelo en la sucursal Quitumbe, señora Núñez.\n", [], "pedido"),
            "alternativa" => new OutgoingEmail(id, $"{id:N}@cartero.test", new EmailAddress("ana@correo.ec", "Ana Pérez"), [], [],
                "Su pedido está listo", "<p>Su pedido de <b>lentes</b> está listo: <a href=\"https://optica.ec/p/77\">detalle</a>.</p>",
                "Su pedido de lentes está listo.", [], "pedido"),
            "adjuntos" => new OutgoingEmail(id, $"{id:N}@cartero.test", new EmailAddress("ana@correo.ec", "Ana Pérez"), [], [],
                "Factura 001-001-000000123", "<p>Adjuntamos su factura electrónica.</p>", "Adjuntamos su factura electrónica.",
                [Attachment("RIDE 001-001-000000123.pdf", "application/pdf", Pdf), Attachment("factura-001-001-000000123.xml", "application/xml", Xml)], "factura"),
            _ => new OutgoingEmail(id, $"{id:N}@cartero.test", new EmailAddress("ana@correo.ec", longName),
                [new EmailAddress("sucursal.quitumbe@optica.ec", longName), new EmailAddress("contabilidad@optica.ec", "Contabilidad General de la Óptica")], [],
                "Factura electrónica 001-001-000000123 de Óptica Visión Cía. Ltda.: lentes progresivos, armazón de titanio y consulta optométrica de control",
                "<p>Adjuntamos su factura.</p>", "Adjuntamos su factura.", [], "factura"),
        };
    }

    private static MailAccount Account(int port) => new()
    {
        Provider = "smtp", Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None,
        From = new EmailAddress("facturas@optica.ec", "Óptica Visión Cía. Ltda."),
    };

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public async Task The_kept_bytes_and_hash_are_what_the_server_received(bool size, bool eightBit)
    {
        await using var peer = await SmtpPeer.StartAsync(new SmtpPeerOptions { NoSize = !size, No8BitMime = !eightBit }, Ct);
        await using var session = await new SmtpEmailProvider(TimeProvider.System, NullLoggerFactory.Instance,
            new OutboundHostPolicy(Microsoft.Extensions.Options.Options.Create(new OutboundHostOptions { AllowPrivateNetworks = true })),
            Microsoft.Extensions.Options.Options.Create(new SmtpOptions())).OpenSessionAsync(Account(peer.Port), Ct);

        var results = new List<SendResult>();
        foreach (var kind in Kinds)
        {
            results.Add(await session.SendAsync(Email(kind), Ct));
        }

        var messages = await peer.GetMessagesAsync(Ct);
        Assert.Equal(Kinds.Length, messages.Count);
        for (var i = 0; i < Kinds.Length; i++)
        {
            var (kind, result) = (Kinds[i], results[i]);
            Assert.Equal(SendOutcome.Accepted, result.Outcome);
            var received = Encoding.UTF8.GetBytes(messages[i].Raw);
            Assert.NotNull(result.Sent);
            Assert.Equal(messages[i].Raw, Encoding.UTF8.GetString(result.Sent.Mime));
            Assert.Equal(received, result.Sent.Mime);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(received)), result.Sent.Sha256);

            // The two kinds of server really get different encodings: 7-bit only without 8BITMIME.
            var text = messages[i].Raw;
            if (!eightBit)
            {
                Assert.DoesNotContain(received, b => b >= 0x80);
            }

            switch (kind)
            {
                case "acentos":
                    Assert.Contains(eightBit ? "Content-Transfer-Encoding: 8bit" : "Content-Transfer-Encoding: quoted-printable", text);
                    break;
                case "alternativa":
                    Assert.Contains("multipart/alternative", text);
                    break;
                case "adjuntos":
                    Assert.Contains("Content-Transfer-Encoding: base64", text);
                    Assert.Contains("application/xml", text);
                    Assert.Contains("application/pdf", text);
                    break;
                case "cabeceras-largas":
                    // The subject is longer than a line, so it is folded.
                    Assert.Matches(@"(?m)^Subject: [^\r\n]+\r\n[ \t]", text);
                    break;
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Keeping_the_message_costs_no_serialisation_beyond_MailKits_own_when_the_server_announces_size(bool size)
    {
        await using var peer = await SmtpPeer.StartAsync(new SmtpPeerOptions { NoSize = !size }, Ct);

        var plain = await WritesWhenSentAsync(new SmtpClient(), peer.Port);
        using var tracking = new RecipientTrackingSmtpClient();
        var kept = await WritesWhenSentAsync(tracking, peer.Port);

        // With SIZE MailKit measures the message before DATA, and that pass is what is kept; without SIZE the kept bytes
        // need a pass of their own.
        Assert.Equal(size ? 2 : 1, plain);
        Assert.Equal(size ? plain : plain + 1, kept);
        var received = await peer.GetMessagesAsync(Ct);
        Assert.Equal(2, received.Count);
        Assert.Equal(Encoding.UTF8.GetBytes(received[1].Raw), tracking.LastMessage!.Mime);
    }

    private static async Task<int> WritesWhenSentAsync(SmtpClient client, int port)
    {
        var body = new CountingTextPart { Text = "Su pedido de lentes está listo.\n" };
        using var message = new MimeMessage { Subject = "Su pedido está listo", Body = body };
        message.From.Add(new MailboxAddress("Óptica Visión", "facturas@optica.ec"));
        message.To.Add(new MailboxAddress("Ana Pérez", "ana@correo.ec"));
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None, Ct);
        await client.SendAsync(message, Ct);
        await client.DisconnectAsync(true, Ct);
        return body.Writes;
    }

    /// <summary>Counts how often the message's body is serialised (every write of the message writes its body once).</summary>
    private sealed class CountingTextPart() : TextPart("plain")
    {
        public int Writes { get; private set; }

        public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
        {
            Writes++;
            base.WriteTo(options, stream, contentOnly, cancellationToken);
        }

        public override Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
        {
            Writes++;
            return base.WriteToAsync(options, stream, contentOnly, cancellationToken);
        }
    }
}
