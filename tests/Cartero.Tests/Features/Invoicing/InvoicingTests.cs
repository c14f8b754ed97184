using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Cartero.Features.Invoicing;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Platform.Cli;
using Cartero.Platform.Secrets;
using Cartero.Sri.Tests;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    private protected async Task<CarteroAppFactory> InvoicingAppAsync(SriScript sri, SmtpPeer? smtp, bool configure = true, IDictionary<string, string?>? extra = null,
        string? dataDirectory = null, string? sharedConnectionString = null)
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

        var app = await NewAppAsync(settings, dataDirectory: dataDirectory, sharedConnectionString: sharedConnectionString);
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

    internal static JsonObject SettingsBody(string? certificate = null, string? password = CertificadosDePrueba.Contrasena, long? nextSequential = null) => new()
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
                ["idType"] = "ruc", ["id"] = "1790012344001", ["name"] = "Óptica Los Andes S.A.", ["email"] = email,
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

        // The history with the SRI's answers cannot be rewritten, whoever connects.
        var rewrite = await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE factura_evento SET detalle = 'otro'", Ct)));
        Assert.Contains("solo admite inserciones", rewrite.Message + rewrite.InnerException?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_keys_rotate_and_archiving_the_old_key_invoices_are_still_signed()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var sri = new SriScript();
        var data = Directory.CreateTempSubdirectory("cartero-rotacion-").FullName;
        var before = await InvoicingAppAsync(sri, smtp, dataDirectory: data);
        var oldKeys = Directory.GetFiles(Path.Combine(data, "keys"), "*.key");

        var output = new StringWriter();
        Assert.Equal(0, await CliModule.RunAsync(before.Services, ["keys", "rotate"], output, new StringWriter()));

        var newKey = before.Services.GetRequiredService<MasterKeyRing>().Current.Id;
        var stored = await before.WithDbAsync(db => db.InvoicingSettings.AsNoTracking().SingleAsync(Ct));
        Assert.Contains($":{newKey}:", stored.CertificateEncrypted, StringComparison.Ordinal);
        Assert.Contains($":{newKey}:", stored.CertificatePasswordEncrypted, StringComparison.Ordinal);
        await before.DisposeAsync();
        // Archived as the verb suggests: moved away from the key folder.
        var archive = Directory.CreateTempSubdirectory("cartero-claves-archivadas-").FullName;
        foreach (var key in oldKeys)
        {
            File.Move(key, Path.Combine(archive, Path.GetFileName(key)));
        }

        var after = await InvoicingAppAsync(sri, smtp, configure: false, dataDirectory: data, sharedConnectionString: before.PostgresConnectionString);
        var erp = await after.CreateApiClientAsync();
        var submitted = await SubmitAsync(erp, Sale());
        var invoice = await WaitForAsync(erp, submitted.Id, i => i.Status is "autorizada" or "no_autorizada" or "devuelta" || i.MailStatus != InvoiceMailStatus.Pendiente,
            "la factura firmada con el certificado cifrado con la clave nueva");
        Assert.Equal("autorizada", invoice.Status);
        Assert.Contains(submitted.AccessKey, sri.Received.Keys);
    }

    [Fact]
    public async Task A_buyer_without_email_is_recorded_as_not_sent_rather_than_skipped()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var sri = new SriScript();
        var app = await InvoicingAppAsync(sri, smtp);
        var erp = await app.CreateApiClientAsync();

        var submitted = await SubmitAsync(erp, Sale(email: null, finalConsumer: true));
        var invoice = await WaitForAsync(erp, submitted.Id, i => i.MailStatus != InvoiceMailStatus.Pendiente, "la factura autorizada sin correo");
        Assert.Equal("autorizada", invoice.Status);
        Assert.Equal(InvoiceMailStatus.SinCorreo, invoice.MailStatus);
        Assert.Equal("07", invoice.BuyerIdType);

        var row = await app.WithDbAsync(db => db.Emails.AsNoTracking().Include(e => e.Events).SingleAsync(e => e.EntityId == submitted.Id.ToString(), Ct));
        Assert.Equal(EmailStatus.Cancelado, row.Status);
        Assert.StartsWith("No enviado: sin correo", row.LastError, StringComparison.Ordinal);
        Assert.Equal("factura", row.Type);
        Assert.Single(row.Events);
        Assert.Empty(await smtp.GetMessagesAsync(Ct));

        // At the counter the customer gives an address after all: the same authorised invoice goes there.
        var resend = await erp.PostAsJsonAsync($"/api/v1/invoices/{submitted.Id}/email", new JsonObject { ["address"] = "cliente.tardio@correo.ec" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, resend.StatusCode);
        await Eventually.WaitForAsync(() => smtp.GetMessagesAsync(Ct), m => m.Count == 1, "la factura reenviada llega");
        Assert.Equal(["cliente.tardio@correo.ec"], (await smtp.GetMessagesAsync(Ct))[0].To);
        var after = await erp.GetFromJsonAsync<InvoiceDto>($"/api/v1/invoices/{submitted.Id}", Ct);
        Assert.Equal(InvoiceMailStatus.Encolado, after!.MailStatus);
        Assert.Equal("cliente.tardio@correo.ec", after.BuyerEmail);
        Assert.Equal(2, await app.WithDbAsync(db => db.Emails.CountAsync(e => e.EntityId == submitted.Id.ToString(), Ct)));

        // An invalid address is bad input, not a conflict: a 400 naming the field, and nothing sent or changed.
        var invalid = await erp.PostAsJsonAsync($"/api/v1/invoices/{submitted.Id}/email", new JsonObject { ["address"] = "sin arroba" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        var problem = (await invalid.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Contains("sin arroba", (string?)problem["errors"]!["address"]![0]);
        Assert.Equal("cliente.tardio@correo.ec", (await erp.GetFromJsonAsync<InvoiceDto>($"/api/v1/invoices/{submitted.Id}", Ct))!.BuyerEmail);
        Assert.Equal(2, await app.WithDbAsync(db => db.Emails.CountAsync(e => e.EntityId == submitted.Id.ToString(), Ct)));
    }

    [Fact]
    public async Task A_devuelta_invoice_corrected_goes_back_with_the_same_clave_and_secuencial_and_is_authorised()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var sri = new SriScript();
        sri.NextReception(clave => SriScript.Devuelta(clave, "52", "ERROR EN DIFERENCIAS"));
        var app = await InvoicingAppAsync(sri, smtp);
        var erp = await app.CreateApiClientAsync();

        var submitted = await SubmitAsync(erp, Sale());
        await WaitForAsync(erp, submitted.Id, i => i.Status == "devuelta", "la factura devuelta");
        var authorisedEarly = await erp.PutAsJsonAsync($"/api/v1/invoices/{Guid.CreateVersion7()}", Sale(), Ct);
        Assert.Equal(HttpStatusCode.NotFound, authorisedEarly.StatusCode);
        var mailedEarly = await erp.PostAsJsonAsync($"/api/v1/invoices/{submitted.Id}/email", new JsonObject(), Ct);
        Assert.Equal(HttpStatusCode.Conflict, mailedEarly.StatusCode);
        var early = (await mailedEarly.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal("No se puede enviar la factura", (string?)early["title"]);
        Assert.Contains("devuelta", (string?)early["detail"]);

        var corrected = Sale(email: "facturacion@optica-los-andes.ec");
        corrected["lines"]![1]!["unitPrice"] = 6;
        var response = await erp.PutAsJsonAsync($"/api/v1/invoices/{submitted.Id}", corrected, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var invoice = await WaitForAsync(erp, submitted.Id, i => i.MailStatus != InvoiceMailStatus.Pendiente, "la factura corregida autorizada");
        Assert.Equal("autorizada", invoice.Status);
        Assert.Equal(submitted.AccessKey, invoice.AccessKey);
        Assert.Equal(submitted.Number, invoice.Number);
        Assert.Equal(34.00m, invoice.Total);
        Assert.Contains("<precioUnitario>6", sri.Received[submitted.AccessKey], StringComparison.Ordinal);
        Assert.Equal(2, sri.Server.Solicitudes.Count(s => s.EsRecepcion));

        await Eventually.WaitForAsync(() => smtp.GetMessagesAsync(Ct), m => m.Count == 1, "el correo de la factura corregida");
        Assert.Equal(["facturacion@optica-los-andes.ec"], (await smtp.GetMessagesAsync(Ct))[0].To);
        var again = await erp.PutAsJsonAsync($"/api/v1/invoices/{submitted.Id}", corrected, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        var notCorrectable = (await again.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal("La factura no admite corrección", (string?)notCorrectable["title"]);
        Assert.Contains("autorizada", (string?)notCorrectable["detail"]);
    }

    [Fact]
    public async Task Sri_answers_43_then_still_processing_then_authorised_keep_the_same_clave_and_every_message()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var sri = new SriScript();
        // The first send's answer was lost: recepción is unreachable once, then says the clave is already registered.
        sri.NextReception(_ => (503, "<html>Servicio no disponible</html>"));
        sri.NextReception(clave => SriScript.Devuelta(clave, "43", "CLAVE ACCESO REGISTRADA"));
        sri.NextAuthorization(SriScript.EnProceso);
        var app = await InvoicingAppAsync(sri, smtp);
        var erp = await app.CreateApiClientAsync();

        var submitted = await SubmitAsync(erp, Sale());
        var invoice = await WaitForAsync(erp, submitted.Id, i => i.MailStatus != InvoiceMailStatus.Pendiente, "la factura autorizada tras los reintentos");
        Assert.Equal("autorizada", invoice.Status);
        Assert.Equal(InvoiceMailStatus.Encolado, invoice.MailStatus);
        var details = string.Join("\n", invoice.Events!.Select(e => e.Detail + " " + string.Join(" ", e.SriMessages)));
        Assert.Contains("HTTP 503", details, StringComparison.Ordinal);
        Assert.Contains("[43] CLAVE ACCESO REGISTRADA", details, StringComparison.Ordinal);
        Assert.Contains("aún procesa", details, StringComparison.Ordinal);
        // Every call was about the one clave: nothing was re-issued under a new number.
        Assert.All(sri.Server.Solicitudes.Where(s => !s.EsRecepcion), s => Assert.Equal(submitted.AccessKey, s.Clave));
        Assert.Equal(2, sri.Server.Solicitudes.Count(s => s.EsRecepcion));
    }

    [Fact]
    public async Task Devuelta_and_no_autorizado_stop_with_the_sri_messages_and_send_no_email()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var sri = new SriScript();
        sri.NextReception(clave => SriScript.Devuelta(clave, "35", "ARCHIVO NO CUMPLE ESTRUCTURA XML"));
        var app = await InvoicingAppAsync(sri, smtp);
        var erp = await app.CreateApiClientAsync();

        var returned = await SubmitAsync(erp, Sale());
        var devuelta = await WaitForAsync(erp, returned.Id, i => i.Status == "devuelta", "la factura devuelta");
        Assert.Contains("[35] ARCHIVO NO CUMPLE ESTRUCTURA XML", devuelta.LastError, StringComparison.Ordinal);
        Assert.Null(devuelta.NextAttemptAt);

        sri.NextAuthorization(sri.NoAutorizado);
        var refused = await SubmitAsync(erp, Sale());
        var noAutorizada = await WaitForAsync(erp, refused.Id, i => i.Status == "no_autorizada", "la factura no autorizada");
        Assert.Contains("[52] ERROR EN DIFERENCIAS", string.Join(" ", noAutorizada.Events!.SelectMany(e => e.SriMessages)), StringComparison.Ordinal);
        Assert.Equal(InvoiceMailStatus.Pendiente, noAutorizada.MailStatus);
        Assert.Equal("001-002-000000002", noAutorizada.Number);

        Assert.Equal(0, await app.WithDbAsync(db => db.Emails.CountAsync(Ct)));
        Assert.Equal(HttpStatusCode.Conflict, (await erp.GetAsync($"/api/v1/invoices/{refused.Id}/xml", Ct)).StatusCode);
    }

    [Fact]
    public async Task Concurrent_sales_get_consecutive_secuenciales_and_a_rejected_sale_takes_none()
    {
        await using var sri = new SriScript();
        var app = await InvoicingAppAsync(sri, smtp: null, extra: new Dictionary<string, string?> { ["Sri:ProcessorEnabled"] = "false" });
        var erp = await app.CreateApiClientAsync();
        const int count = 24;

        var bad = Sale();
        bad["lines"]![0]!["quantity"] = 0;
        var submitted = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            if (i % 6 == 0)
            {
                var refused = await erp.PostAsJsonAsync("/api/v1/invoices", bad.DeepClone(), Ct);
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            }

            return await SubmitAsync(erp, Sale(reference: $"VENTA-{i}"));
        }));

        var numbers = await app.WithDbAsync(db => db.Invoices.Select(i => i.Sequential).OrderBy(n => n).ToListAsync(Ct));
        Assert.Equal(Enumerable.Range(1, count).Select(n => (long)n), numbers);
        Assert.Equal(count, submitted.Select(s => s.AccessKey).Distinct().Count());
        var next = await app.WithDbAsync(db => db.InvoiceSequences.SingleAsync(Ct));
        Assert.Equal(count + 1, next.Next);

        // The accountant's export of the same filter: one line per invoice, audited.
        var csv = await erp.GetStringAsync("/api/v1/invoices/export?status=generada", Ct);
        var lines = csv.TrimEnd().Split("\r\n");
        Assert.StartsWith("id,fecha_hora,estado", lines[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        // One error column name across tables (UnNombrePorConcepto): the header says mensaje_error like the send log's.
        Assert.Contains(",originado_por,mensaje_error,", lines[0], StringComparison.Ordinal);
        Assert.Equal(count + 1, lines.Length);
        Assert.Contains(submitted[3].AccessKey, csv, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "exportar_facturas", Ct)));
        var tomorrow = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Empty(await erp.GetFromJsonAsync<List<InvoiceDto>>($"/api/v1/invoices?from={tomorrow}", Ct) ?? []);
        Assert.Equal(HttpStatusCode.BadRequest, (await erp.GetAsync("/api/v1/invoices/export?from=30-11-2026", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_bad_sale_is_refused_field_by_field_and_nothing_is_stored()
    {
        await using var sri = new SriScript();
        var app = await InvoicingAppAsync(sri, smtp: null, extra: new Dictionary<string, string?> { ["Sri:ProcessorEnabled"] = "false" });
        var erp = await app.CreateApiClientAsync();

        var sale = Sale(email: "no es un correo");
        sale["lines"]![0]!["quantity"] = -1;
        sale["lines"]![1]!["tax"] = "iva99";
        sale["paymentMethod"] = "99";
        var response = await erp.PostAsJsonAsync("/api/v1/invoices", sale, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!.AsObject();
        Assert.Contains("buyer.email", errors.Select(e => e.Key));
        Assert.Contains("lines[0].quantity", errors.Select(e => e.Key));
        Assert.Contains("lines[1].tax", errors.Select(e => e.Key));

        // Consumidor final above USD 50 is what the SRI refuses.
        var big = Sale(email: null, finalConsumer: true);
        big["lines"]![0]!["unitPrice"] = 200;
        var tooBig = await erp.PostAsJsonAsync("/api/v1/invoices", big, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        Assert.Contains("50", await tooBig.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        Assert.Equal(0, await app.WithDbAsync(db => db.Invoices.CountAsync(Ct)));
        Assert.Equal(1, await app.WithDbAsync(db => db.InvoiceSequences.Select(q => (long?)q.Next).FirstOrDefaultAsync(Ct)) ?? 1);
    }

    [Fact]
    public async Task An_invoice_email_that_would_omit_the_clave_is_refused_by_the_compliance_check()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var sri = new SriScript();
        var app = await InvoicingAppAsync(sri, smtp);
        // An admin's edit of the template drops the clave de acceso and the total.
        var templates = Path.Combine(app.DataDirectory, "templates");
        Directory.CreateDirectory(templates);
        await File.WriteAllTextAsync(Path.Combine(templates, "factura.texto.liquid"), "Su factura {{ factura.numero }} de {{ emisor.razon_social }}, RUC {{ emisor.ruc }}, del {{ factura.fecha_emision }}.", Ct);
        await File.WriteAllTextAsync(Path.Combine(templates, "factura.html.liquid"), "<p>Su factura {{ factura.numero }} de {{ emisor.razon_social }}, RUC {{ emisor.ruc }}, del {{ factura.fecha_emision }}.</p>", Ct);
        var erp = await app.CreateApiClientAsync();

        var submitted = await SubmitAsync(erp, Sale());
        var invoice = await WaitForAsync(erp, submitted.Id, i => i.MailStatus != InvoiceMailStatus.Pendiente, "la factura autorizada y su correo decidido");
        Assert.Equal("autorizada", invoice.Status);
        Assert.Equal(InvoiceMailStatus.Rechazado, invoice.MailStatus);

        var row = await app.WithDbAsync(db => db.Emails.AsNoTracking().SingleAsync(e => e.Id == invoice.EmailId, Ct));
        Assert.Equal(EmailStatus.Cancelado, row.Status);
        Assert.Contains("control de cumplimiento", row.LastError, StringComparison.Ordinal);
        Assert.Contains("clave de acceso", row.LastError, StringComparison.Ordinal);
        Assert.Contains("valor total", row.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("razón social", row.LastError, StringComparison.Ordinal);
        Assert.Contains("control de cumplimiento", await File.ReadAllTextAsync(app.LogFile, Ct), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Emails.CountAsync(e => e.Status != EmailStatus.Cancelado, Ct)));
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
