using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Cartero.Features.Invoicing;
using Cartero.Features.Sending;
using Cartero.Sri.Tests;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Cartero.Tests.Features.Invoicing;

/// <summary>
/// An invoice's whole life in the app, on both engines: the ERP submits a sale, Cartero signs it, the local SRI
/// stand-in receives and authorises it, and the buyer's email reaches a real SMTP server with the authorised XML and
/// the RIDE.
/// </summary>
public abstract class InvoicingTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    protected const string BuyerEmail = "compras@optica-los-andes.ec";

    private static readonly Dictionary<string, string?> FastWorker = new()
    {
        ["Cartero:Worker:Enabled"] = "true",
        ["Cartero:Worker:PollInterval"] = "00:00:00.100",
    };

    private protected async Task<CarteroAppFactory> InvoicingAppAsync(SriScript sri, SmtpPeer? smtp, bool configure = true, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(FastWorker);
        foreach (var (k, v) in sri.Settings())
        {
            settings[k] = v;
        }

        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        var app = await NewAppAsync(settings);
        if (smtp is not null)
        {
            await app.ConfigureSmtpAsync(smtp.Port);
        }

        if (configure)
        {
            var admin = await app.CreateApiClientAsync(admin: true);
            var response = await admin.PutAsJsonAsync("/api/v1/settings/invoicing", SettingsBody(), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        return app;
    }

    protected static JsonObject SettingsBody(string? certificate = null, string? password = CertificadosDePrueba.Contrasena, long? nextSequential = null) => new()
    {
        ["ruc"] = "1792146739001",
        ["businessName"] = "Óptica Visión & Hijos Cía. Ltda.",
        ["tradeName"] = "Óptica Visión",
        ["headOfficeAddress"] = "Av. Amazonas N34-12 y Atahualpa, Quito",
        ["establishmentAddress"] = "Calle García Moreno 123, Quito",
        ["keepsAccounts"] = true,
        ["establishment"] = "001",
        ["emissionPoint"] = "002",
        ["environment"] = "pruebas",
        ["nextSequential"] = nextSequential,
        ["certificateBase64"] = certificate ?? Convert.ToBase64String(CertificadosDePrueba.P12Vigente),
        ["certificatePassword"] = password,
    };

    protected static JsonObject Sale(string? email = BuyerEmail, string? reference = null, bool finalConsumer = false) => new()
    {
        ["buyer"] = finalConsumer
            ? (email is null ? null : new JsonObject { ["idType"] = "consumidor_final", ["email"] = email })
            : new JsonObject
            {
                ["idType"] = "ruc", ["id"] = "1790012345001", ["name"] = "Óptica Los Andes S.A.", ["email"] = email,
                ["address"] = "Av. 6 de Diciembre, Quito", ["customerId"] = "C-77",
            },
        ["lines"] = new JsonArray(
            new JsonObject { ["code"] = "ARM-01", ["description"] = "Armazón acetato café", ["quantity"] = 1, ["unitPrice"] = 20, ["tax"] = "iva15" },
            new JsonObject { ["code"] = "LC-30", ["description"] = "Lentes de contacto mensuales", ["quantity"] = 2, ["unitPrice"] = 5.5, ["discount"] = 1, ["tax"] = "iva0" }),
        ["paymentMethod"] = "19",
        ["reference"] = reference,
    };

    protected static Task<InvoiceDto> WaitForAsync(HttpClient client, Guid id, Func<InvoiceDto, bool> done, string what) =>
        Eventually.WaitForAsync(async () => (await client.GetFromJsonAsync<InvoiceDto>($"/api/v1/invoices/{id}", Ct))!, done, what, TimeSpan.FromSeconds(60));

    protected static async Task<InvoiceSubmitted> SubmitAsync(HttpClient client, JsonObject sale)
    {
        var response = await client.PostAsJsonAsync("/api/v1/invoices", sale, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<InvoiceSubmitted>(Ct))!;
    }

    [Fact]
    public async Task An_authorised_invoice_reaches_the_buyer_with_the_authorised_xml_and_the_ride()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var sri = new SriScript();
        var app = await InvoicingAppAsync(sri, smtp);
        var erp = await app.CreateApiClientAsync();

        var submitted = await SubmitAsync(erp, Sale(reference: "VENTA-1001"));
        Assert.Equal("generada", submitted.Status);
        Assert.Equal("001-002-000000001", submitted.Number);
        Assert.Equal(33.00m, submitted.Total); // 20.00 + 15 % IVA (3.00), and 2 × 5.50 − 1.00 at 0 %
        var invoice = await WaitForAsync(erp, submitted.Id, i => i.MailStatus != InvoiceMailStatus.Pendiente, "la factura autorizada y su correo encolado");
        Assert.Equal("autorizada", invoice.Status);
        Assert.Equal(InvoiceMailStatus.Encolado, invoice.MailStatus);
        Assert.Equal(submitted.AccessKey, invoice.AuthorizationNumber);
        Assert.Equal(["generada", "firmada", "enviada_sri", "recibida", "autorizada"],
            invoice.Events!.Select(e => e.Status).Distinct().ToArray());

        await Eventually.WaitForAsync(() => smtp.GetMessagesAsync(Ct), m => m.Count == 1, "el correo de la factura llega al servidor SMTP");
        var raw = (await smtp.GetMessagesAsync(Ct))[0].Raw;
        var message = await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(raw)), Ct);
        Assert.Equal(BuyerEmail, message.To.Mailboxes.Single().Address);
        Assert.Contains("001-002-000000001", message.Subject, StringComparison.Ordinal);
        Assert.Contains("Óptica Visión & Hijos Cía. Ltda.", message.Subject, StringComparison.Ordinal);
        Assert.Contains("1792146739001", message.Subject, StringComparison.Ordinal);
        Assert.Contains(submitted.AccessKey, message.TextBody, StringComparison.Ordinal);
        Assert.Contains("$", message.TextBody, StringComparison.Ordinal);

        var attachments = message.Attachments.OfType<MimePart>().ToList();
        Assert.Equal(2, attachments.Count);
        var xml = Read(attachments.Single(a => a.ContentType.MimeType == "application/xml"));
        var pdf = Read(attachments.Single(a => a.ContentType.MimeType == "application/pdf"));
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(pdf, 0, 4), StringComparison.Ordinal);
        var authorised = Encoding.UTF8.GetString(xml);
        Assert.Contains("<estado>AUTORIZADO</estado>", authorised, StringComparison.Ordinal);
        // The attachment carries exactly the signed comprobante the SRI received and authorised.
        Assert.Contains(sri.Received[submitted.AccessKey], authorised, StringComparison.Ordinal);
        Assert.Equal(authorised, await erp.GetStringAsync($"/api/v1/invoices/{submitted.Id}/xml", Ct));
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(await erp.GetByteArrayAsync($"/api/v1/invoices/{submitted.Id}/ride", Ct), 0, 4), StringComparison.Ordinal);

        var email = await app.WithDbAsync(db => db.Emails.AsNoTracking().SingleAsync(e => e.Id == invoice.EmailId, Ct));
        Assert.Equal("factura", email.Type);
        Assert.Equal(("factura", submitted.Id.ToString()), (email.EntityType, email.EntityId));
        Assert.Equal("C-77", email.RecipientId);
        Assert.Equal(EmailOrigin.Automatic, email.Origin);
    }

    private static byte[] Read(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }
}

public sealed class SqliteInvoicingTests() : InvoicingTests(null);

public sealed class PostgresInvoicingTests(PostgresCluster postgres) : InvoicingTests(postgres);
