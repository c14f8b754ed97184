using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Cartero.Features.Invoicing;
using Cartero.Features.Invoicing.CreditNotes;
using Cartero.Features.Sending;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Cartero.Tests.Features.Invoicing;

/// <summary>
/// Notas de crédito in the app, on both engines: credited from an authorised factura, taken through the same processor
/// and SRI stand-in as facturas, mailed with their XML and RIDE, and never for more than what remains of the factura.
/// </summary>
public abstract class CreditNoteTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    private const string BuyerEmail = "compras@optica-los-andes.ec";

    private async Task<CarteroAppFactory> AppAsync(SriScript sri, SmtpPeer? smtp, bool processor = true)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Cartero:Worker:Enabled"] = "true",
            ["Cartero:Worker:PollInterval"] = "00:00:00.100",
            ["Sri:ProcessorEnabled"] = processor ? "true" : "false",
        };
        foreach (var (k, v) in sri.Settings())
        {
            settings[k] = v;
        }

        var app = await NewAppAsync(settings);
        if (smtp is not null)
        {
            await app.ConfigureSmtpAsync(smtp.Port);
        }

        var admin = await app.CreateApiClientAsync(admin: true);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/settings/invoicing", InvoicingTests.SettingsBody(), Ct)).StatusCode);
        return app;
    }

    // 20.00 and 12 × 2.50 at 15 % (IVA 7.50 on 50.00), and 2 × 5.50 − 1.00 at 0 %: 67.50 in all.
    private static JsonObject Sale() => new()
    {
        ["buyer"] = new JsonObject
        {
            ["idType"] = "ruc", ["id"] = "1790012344001", ["name"] = "Óptica Los Andes S.A.", ["email"] = BuyerEmail,
            ["address"] = "Av. 6 de Diciembre, Quito", ["customerId"] = "C-77",
        },
        ["lines"] = new JsonArray(
            new JsonObject { ["code"] = "ARM-01", ["description"] = "Armazón acetato café", ["quantity"] = 1, ["unitPrice"] = 20, ["tax"] = "iva15" },
            new JsonObject { ["code"] = "LC-30", ["description"] = "Lentes de contacto mensuales", ["quantity"] = 2, ["unitPrice"] = 5.5, ["discount"] = 1, ["tax"] = "iva0" },
            new JsonObject { ["code"] = "LIQ-60", ["description"] = "Solución de limpieza 60 ml", ["quantity"] = 12, ["unitPrice"] = 2.5, ["tax"] = "iva15" }),
        ["paymentMethod"] = "19",
    };

    private static async Task<InvoiceDto> AuthorisedInvoiceAsync(HttpClient erp)
    {
        var response = await erp.PostAsJsonAsync("/api/v1/invoices", Sale(), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Ct));
        var submitted = (await response.Content.ReadFromJsonAsync<InvoiceSubmitted>(Ct))!;
        Assert.Equal(67.50m, submitted.Total);
        return await Eventually.WaitForAsync(async () => (await erp.GetFromJsonAsync<InvoiceDto>($"/api/v1/invoices/{submitted.Id}", Ct))!,
            i => i.Status == "autorizada" && i.MailStatus != InvoiceMailStatus.Pendiente, "la factura autorizada", TimeSpan.FromSeconds(60));
    }

    private static JsonObject Note(string? reason, params (int Line, decimal Quantity)[] lines) => new()
    {
        ["reason"] = reason,
        ["lines"] = lines.Length == 0 ? null : new JsonArray([.. lines.Select(l => (JsonNode)new JsonObject { ["line"] = l.Line, ["quantity"] = l.Quantity })]),
    };

    private static Task<CreditNoteDto> WaitForNoteAsync(HttpClient client, Guid id, Func<CreditNoteDto, bool> done, string what) =>
        Eventually.WaitForAsync(async () => (await client.GetFromJsonAsync<CreditNoteDto>($"/api/v1/credit-notes/{id}", Ct))!, done, what, TimeSpan.FromSeconds(60));

    [Fact]
    public async Task A_credit_note_goes_recibida_then_autorizado_and_reaches_the_buyer_with_its_xml_and_ride()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var sri = new SriScript();
        var app = await AppAsync(sri, smtp);
        var erp = await app.CreateApiClientAsync();
        var invoice = await AuthorisedInvoiceAsync(erp);

        var response = await erp.PostAsJsonAsync($"/api/v1/invoices/{invoice.Id}/credit-notes", Note("Devolución: lentes con defecto", (2, 1m), (3, 4m)), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Ct));
        var created = (await response.Content.ReadFromJsonAsync<CreditNoteSubmitted>(Ct))!;
        // Its own series: the factura is 001-002-000000001 and so is the first nota de crédito.
        Assert.Equal("001-002-000000001", created.Number);
        Assert.Equal("04", created.AccessKey[8..10]);
        // 1 × 5.50 − 0.50 (half the line's discount) at 0 %, and 4 × 2.50 = 10.00 at 15 % (IVA 1.50).
        Assert.Equal(16.50m, created.Total);
        Assert.Equal(51.00m, created.RemainingOfInvoice);

        var note = await WaitForNoteAsync(erp, created.Id, n => n.MailStatus != InvoiceMailStatus.Pendiente, "la nota de crédito autorizada y su correo");
        Assert.Equal("autorizada", note.Status);
        Assert.Equal(InvoiceMailStatus.Encolado, note.MailStatus);
        Assert.Equal(["generada", "firmada", "enviada_sri", "recibida", "autorizada"], note.Events!.Select(e => e.Status).Distinct().ToArray());
        Assert.Equal(invoice.Number, note.InvoiceNumber);
        Assert.Equal([(2, 1m, 0.50m), (3, 4m, 0m)], note.Lines.Select(l => (l.InvoiceLine, l.Quantity, l.Discount)).ToArray());

        var sent = sri.Received[created.AccessKey];
        Assert.Contains("<notaCredito id=\"comprobante\" version=\"1.1.0\">", sent, StringComparison.Ordinal);
        Assert.Contains($"<numDocModificado>{invoice.Number}</numDocModificado>", sent, StringComparison.Ordinal);
        Assert.Contains("<motivo>Devolución: lentes con defecto</motivo>", sent, StringComparison.Ordinal);
        Assert.True(Cartero.Sri.VerificadorXades.Verificar(Encoding.UTF8.GetBytes(sent)).EsValida);

        await Eventually.WaitForAsync(() => smtp.GetMessagesAsync(Ct), m => m.Count == 2, "el correo de la factura y el de la nota de crédito");
        var messages = new List<MimeMessage>();
        foreach (var m in await smtp.GetMessagesAsync(Ct))
        {
            messages.Add(await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(m.Raw)), Ct));
        }

        var message = messages.Single(m => m.Subject?.StartsWith("Nota de crédito", StringComparison.Ordinal) == true);
        Assert.Equal(BuyerEmail, message.To.Mailboxes.Single().Address);
        Assert.StartsWith("Nota de crédito electrónica 001-002-000000001", message.Subject, StringComparison.Ordinal);
        Assert.Contains(created.AccessKey, message.TextBody, StringComparison.Ordinal);
        Assert.Contains(invoice.Number, message.TextBody, StringComparison.Ordinal);
        var attachments = message.Attachments.OfType<MimePart>().ToList();
        Assert.Equal(["RIDE-nota-credito-001-002-000000001.pdf", "nota-credito-001-002-000000001.xml"], attachments.Select(a => a.FileName).Order(StringComparer.Ordinal).ToArray());
        var xml = Encoding.UTF8.GetString(Read(attachments.Single(a => a.ContentType.MimeType == "application/xml")));
        Assert.Contains("<estado>AUTORIZADO</estado>", xml, StringComparison.Ordinal);
        Assert.Contains(sent, xml, StringComparison.Ordinal);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(Read(attachments.Single(a => a.ContentType.MimeType == "application/pdf")), 0, 4), StringComparison.Ordinal);

        var email = await app.WithDbAsync(db => db.Emails.AsNoTracking().SingleAsync(e => e.Id == note.EmailId, Ct));
        Assert.Equal("nota_credito", email.Type);
        Assert.Equal(("nota_credito", created.Id.ToString()), (email.EntityType, email.EntityId));
        Assert.Equal("C-77", email.RecipientId);
        Assert.Equal(xml, await erp.GetStringAsync($"/api/v1/credit-notes/{created.Id}/xml", Ct));
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(await erp.GetByteArrayAsync($"/api/v1/credit-notes/{created.Id}/ride", Ct), 0, 4), StringComparison.Ordinal);
        var listed = await erp.GetFromJsonAsync<List<CreditNoteDto>>($"/api/v1/invoices/{invoice.Id}/credit-notes", Ct);
        Assert.Equal([created.Id], listed!.Select(n => n.Id).ToArray());

        // The history cannot be rewritten, as a factura's.
        var rewrite = await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE nota_credito_evento SET detalle = 'otro'", Ct)));
        Assert.Contains("solo admite inserciones", rewrite.Message + rewrite.InnerException?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_note_is_issued_from_the_facturas_punto_with_that_puntos_own_series_and_its_establecimientos_address()
    {
        await using var sri = new SriScript();
        var app = await AppAsync(sri, smtp: null);
        var admin = await app.CreateApiClientAsync(admin: true);
        await InvoicingTestApp.PutAsync(admin, "/api/v1/settings/invoicing/establishments/002",
            new JsonObject { ["name"] = "Sucursal Norte", ["address"] = "Av. de la Prensa N58-12, Quito" }, HttpStatusCode.OK);
        await InvoicingTestApp.PutAsync(admin, "/api/v1/settings/invoicing/establishments/002/points/001",
            new JsonObject { ["description"] = "Caja 1 Norte", ["rideLayout"] = "a4", ["users"] = new JsonArray() }, HttpStatusCode.OK);
        var erp = await app.CreateApiClientAsync();

        async Task<InvoiceDto> AuthorisedAtAsync(string? establishment, string? point)
        {
            var sale = Sale();
            sale["establishment"] = establishment;
            sale["emissionPoint"] = point;
            var submitted = await InvoicingTestApp.SubmitAsync(erp, sale);
            return await InvoicingTestApp.WaitForAsync(erp, submitted.Id, i => i.Status == "autorizada", "la factura autorizada");
        }

        async Task<CreditNoteSubmitted> NoteAsync(InvoiceDto invoice)
        {
            var response = await erp.PostAsJsonAsync($"/api/v1/invoices/{invoice.Id}/credit-notes", Note("Devolución", (3, 1m)), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Ct));
            return (await response.Content.ReadFromJsonAsync<CreditNoteSubmitted>(Ct))!;
        }

        var north = await AuthorisedAtAsync("002", "001");
        var main = await AuthorisedAtAsync(null, null);
        Assert.Equal("002-001-000000001", north.Number);
        Assert.Equal("001-002-000000001", main.Number);

        var first = await NoteAsync(north);
        var second = await NoteAsync(north);
        var ofMain = await NoteAsync(main);
        Assert.Equal("002-001-000000001", first.Number);
        Assert.Equal("002-001-000000002", second.Number);
        // The default punto's series of notes is its own and starts at 1, untouched by the other punto's notes.
        Assert.Equal("001-002-000000001", ofMain.Number);
        Assert.Equal("002001", first.AccessKey[24..30]);

        var note = await WaitForNoteAsync(erp, first.Id, n => n.Status == "autorizada", "la nota de crédito de la sucursal autorizada");
        Assert.Equal(north.Number, note.InvoiceNumber);
        var sent = sri.Received[first.AccessKey];
        Assert.Contains("<estab>002</estab>", sent, StringComparison.Ordinal);
        Assert.Contains("<ptoEmi>001</ptoEmi>", sent, StringComparison.Ordinal);
        Assert.Contains("<secuencial>000000001</secuencial>", sent, StringComparison.Ordinal);
        Assert.Contains("<dirEstablecimiento>Av. de la Prensa N58-12, Quito</dirEstablecimiento>", sent, StringComparison.Ordinal);
        Assert.Contains("<dirEstablecimiento>Calle García Moreno 123, Quito</dirEstablecimiento>",
            await app.WithDbAsync(db => db.CreditNotes.Where(n => n.Id == ofMain.Id).Select(n => n.GeneratedXml).SingleAsync(Ct)), StringComparison.Ordinal);

        var ride = PdfText(await erp.GetByteArrayAsync($"/api/v1/credit-notes/{first.Id}/ride", Ct));
        Assert.Contains("Av. de la Prensa N58-12, Quito", ride, StringComparison.Ordinal);
        Assert.Contains("002-001-000000001", ride, StringComparison.Ordinal);
        Assert.DoesNotContain("Calle García Moreno 123", ride, StringComparison.Ordinal);
    }

    private static string PdfText(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cartero-nota-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", ["-enc", "UTF-8", "-raw", file, "-"]) { RedirectStandardOutput = true })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_devuelta_credit_note_stops_with_the_sri_messages_like_a_factura_and_sends_no_mail()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var sri = new SriScript();
        var app = await AppAsync(sri, smtp);
        var erp = await app.CreateApiClientAsync();
        var invoice = await AuthorisedInvoiceAsync(erp);
        sri.NextReception(clave => SriScript.Devuelta(clave, "35", "ARCHIVO NO CUMPLE ESTRUCTURA XML"));

        var response = await erp.PostAsJsonAsync($"/api/v1/invoices/{invoice.Id}/credit-notes", Note("Descuento posterior a la venta", (1, 1m)), Ct);
        var created = (await response.Content.ReadFromJsonAsync<CreditNoteSubmitted>(Ct))!;
        var note = await WaitForNoteAsync(erp, created.Id, n => n.Status == "devuelta", "la nota de crédito devuelta");

        Assert.Contains("[35] ARCHIVO NO CUMPLE ESTRUCTURA XML", note.LastError, StringComparison.Ordinal);
        Assert.Contains("[35] ARCHIVO NO CUMPLE ESTRUCTURA XML", string.Join(" ", note.Events!.SelectMany(e => e.SriMessages)), StringComparison.Ordinal);
        Assert.Equal(InvoiceMailStatus.Pendiente, note.MailStatus);
        Assert.Equal(0, await app.WithDbAsync(db => db.Emails.CountAsync(e => e.Type == "nota_credito", Ct)));
        Assert.Equal(HttpStatusCode.Conflict, (await erp.GetAsync($"/api/v1/credit-notes/{created.Id}/xml", Ct)).StatusCode);
    }

    [Fact]
    public async Task More_than_remains_of_the_factura_is_refused_saying_how_much_remains()
    {
        await using var sri = new SriScript();
        var app = await AppAsync(sri, smtp: null);
        var erp = await app.CreateApiClientAsync();
        var invoice = await AuthorisedInvoiceAsync(erp);
        var url = $"/api/v1/invoices/{invoice.Id}/credit-notes";

        var first = await erp.PostAsJsonAsync(url, Note("Devolución parcial", (3, 10m)), Ct);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        var tooMany = await erp.PostAsJsonAsync(url, Note("Devolución", (3, 3m)), Ct);
        Assert.Equal(HttpStatusCode.Conflict, tooMany.StatusCode);
        Assert.Equal("application/problem+json", tooMany.Content.Headers.ContentType?.MediaType);
        var problem = (await tooMany.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Contains("quedan 2 por acreditar", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(38.75m, (decimal)problem["remaining"]!); // 67.50 − (25.00 + IVA 3.75)

        // Whole: everything that remains, exactly.
        var rest = await erp.PostAsJsonAsync(url, Note("Anulación de la venta"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, rest.StatusCode);
        var restNote = (await rest.Content.ReadFromJsonAsync<CreditNoteSubmitted>(Ct))!;
        Assert.Equal(38.75m, restNote.Total);
        Assert.Equal(0m, restNote.RemainingOfInvoice);
        var nothingLeft = await erp.PostAsJsonAsync(url, Note("Otra vez", (1, 1m)), Ct);
        Assert.Equal(HttpStatusCode.Conflict, nothingLeft.StatusCode);
        Assert.Contains("quedan 0 por acreditar", await nothingLeft.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var wholeAgain = await erp.PostAsJsonAsync(url, Note("Otra vez"), Ct);
        Assert.Equal(HttpStatusCode.Conflict, wholeAgain.StatusCode);
        Assert.Contains("ya está acreditada por completo", await wholeAgain.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // Bad input is a 400 naming the fields; nothing stored, no number used.
        var bad = await erp.PostAsJsonAsync(url, Note(" ", (9, 1m), (1, 0m)), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("reason", errors);
        Assert.Contains("lines[0].line", errors);
        Assert.Contains("lines[1].quantity", errors);
        Assert.Equal(404, (int)(await erp.PostAsJsonAsync($"/api/v1/invoices/{Guid.CreateVersion7()}/credit-notes", Note("x"), Ct)).StatusCode);

        Assert.Equal(2, await app.WithDbAsync(db => db.CreditNotes.CountAsync(Ct)));
        Assert.Equal(3, await app.WithDbAsync(db => db.CreditNoteSequences.Select(s => s.Next).SingleAsync(Ct)));
        var notes = await app.WithDbAsync(db => db.CreditNotes.AsNoTracking().Select(n => n.Total).ToListAsync(Ct));
        Assert.Equal(invoice.Total, notes.Sum());
    }

    [Fact]
    public async Task A_credit_note_needs_an_authorised_factura_and_a_repeated_key_gives_the_same_note()
    {
        await using var sri = new SriScript();
        var app = await AppAsync(sri, smtp: null, processor: false);
        var erp = await app.CreateApiClientAsync();
        var submitted = (await (await erp.PostAsJsonAsync("/api/v1/invoices", Sale(), Ct)).Content.ReadFromJsonAsync<InvoiceSubmitted>(Ct))!;

        var early = await erp.PostAsJsonAsync($"/api/v1/invoices/{submitted.Id}/credit-notes", Note("Devolución"), Ct);

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        var problem = (await early.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal("No se puede emitir la nota de crédito", (string?)problem["title"]);
        Assert.Contains("generada", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.CreditNotes.CountAsync(Ct)));

        // Authorised meanwhile (the stand-in's processor is off here: the row is moved as the processor would).
        await app.WithDbAsync(db => db.Invoices.Where(i => i.Id == submitted.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, InvoiceStatus.Autorizada), Ct));
        var keyed = Note("Devolución", (1, 1m));
        keyed["idempotencyKey"] = "devolucion-venta-1";
        var once = (await (await erp.PostAsJsonAsync($"/api/v1/invoices/{submitted.Id}/credit-notes", keyed, Ct)).Content.ReadFromJsonAsync<CreditNoteSubmitted>(Ct))!;
        var again = await erp.PostAsJsonAsync($"/api/v1/invoices/{submitted.Id}/credit-notes", keyed, Ct);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(once.Id, (await again.Content.ReadFromJsonAsync<CreditNoteSubmitted>(Ct))!.Id);
        keyed["reason"] = "Otra cosa";
        Assert.Equal(HttpStatusCode.Conflict, (await erp.PostAsJsonAsync($"/api/v1/invoices/{submitted.Id}/credit-notes", keyed, Ct)).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.CreditNotes.CountAsync(Ct)));
    }

    [Fact]
    public async Task Concurrent_notes_for_one_factura_never_credit_more_than_it_and_take_gap_free_secuenciales()
    {
        await using var sri = new SriScript();
        var app = await AppAsync(sri, smtp: null);
        var erp = await app.CreateApiClientAsync();
        var invoice = await AuthorisedInvoiceAsync(erp);
        var url = $"/api/v1/invoices/{invoice.Id}/credit-notes";
        const int attempts = 18; // line 3 sold 12 units: 12 notes of one unit fit, 6 do not

        var answers = await Task.WhenAll(Enumerable.Range(0, attempts).Select(async i =>
        {
            var response = await erp.PostAsJsonAsync(url, Note($"Devolución {i}", (3, 1m)), Ct);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(Ct));
        }));

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict, $"{a.StatusCode}: {a.Body}"));
        Assert.Equal(12, answers.Count(a => a.StatusCode == HttpStatusCode.Accepted));
        Assert.All(answers.Where(a => a.StatusCode == HttpStatusCode.Conflict), a => Assert.Contains("quedan 0 por acreditar", a.Body, StringComparison.Ordinal));
        var stored = await app.WithDbAsync(db => db.CreditNotes.AsNoTracking().Select(n => new { n.Sequential, n.Total }).ToListAsync(Ct));
        Assert.Equal(Enumerable.Range(1, 12).Select(n => (long)n), stored.Select(n => n.Sequential).Order());
        Assert.Equal(12 * 2.88m, stored.Sum(n => n.Total)); // 2.50 + IVA 0.375 → 0.38
        Assert.True(stored.Sum(n => n.Total) <= invoice.Total);
        Assert.Equal(13, await app.WithDbAsync(db => db.CreditNoteSequences.Select(s => s.Next).SingleAsync(Ct)));
        Assert.Equal(12m, await app.WithDbAsync(async db => (await db.CreditNoteLines.Select(l => l.Quantity).ToListAsync(Ct)).Sum()));
    }

    [Fact]
    public async Task From_the_factura_page_an_admin_issues_a_credit_note_after_confirming_and_others_only_see_it()
    {
        await using var sri = new SriScript();
        var app = await AppAsync(sri, smtp: null);
        var erp = await app.CreateApiClientAsync();
        var invoice = await AuthorisedInvoiceAsync(erp);
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);
        var form = $"/facturas/{invoice.Id}/nota-credito";

        Assert.Contains($"href=\"{form}\"", await admin.GetStringAsync($"/facturas/{invoice.Id}"), StringComparison.Ordinal);
        Dictionary<string, string> Fields(string quantity, bool confirmed) => new()
        {
            ["Motivo"] = "Devolución de solución de limpieza",
            ["Alcance"] = "lineas",
            ["Cantidades[0]"] = "",
            ["Cantidades[1]"] = "",
            ["Cantidades[2]"] = quantity,
            ["Confirmo"] = confirmed ? "true" : "false",
        };

        var unconfirmed = await admin.PostFormAsync(form, Fields("2", confirmed: false));
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("Confirme que desea emitir la nota de crédito", await unconfirmed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var tooMuch = await admin.PostFormAsync(form, Fields("13", confirmed: true));
        Assert.Equal(HttpStatusCode.OK, tooMuch.StatusCode);
        Assert.Contains("quedan 12 por acreditar", await tooMuch.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.CreditNotes.CountAsync(Ct)));

        var issued = await admin.PostFormAsync(form, Fields("2", confirmed: true));
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var notePage = issued.Headers.Location!.ToString();
        Assert.StartsWith("/facturas/notas-credito/", notePage, StringComparison.Ordinal);
        var noteId = Guid.Parse(notePage["/facturas/notas-credito/".Length..]);
        var shown = await admin.GetStringAsync(notePage);
        Assert.Contains("Nota de crédito 001-002-000000001", shown, StringComparison.Ordinal);
        Assert.Contains("Devolución de solución de limpieza", shown, StringComparison.Ordinal);
        Assert.Contains("Queda $", shown, StringComparison.Ordinal);
        await WaitForNoteAsync(erp, noteId, n => n.Status == "autorizada", "la nota de crédito emitida desde el panel, autorizada");

        // A gerente reads the factura's notes and downloads them, but is not offered (nor allowed) to issue one.
        var gerente = await PanelSession.SignInAsync(app, CarteroRoles.Gerente);
        var seen = await gerente.GetStringAsync($"/facturas/{invoice.Id}");
        Assert.Contains("001-002-000000001", seen, StringComparison.Ordinal);
        Assert.Contains($"/facturas/notas-credito/{noteId}?handler=Ride", seen, StringComparison.Ordinal);
        Assert.DoesNotContain(form, seen, StringComparison.Ordinal);
        var ride = await gerente.GetAsync($"/facturas/notas-credito/{noteId}?handler=Ride");
        Assert.Equal("application/pdf", ride.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/cuenta/acceso-denegado", (await gerente.GetAsync(form)).Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    private static byte[] Read(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }
}

public sealed class SqliteCreditNoteTests() : CreditNoteTests(null);

public sealed class PostgresCreditNoteTests(PostgresCluster postgres) : CreditNoteTests(postgres);
