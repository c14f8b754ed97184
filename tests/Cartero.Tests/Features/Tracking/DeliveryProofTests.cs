using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Archive;
using Cartero.Platform.Cli;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Features.Tracking;

/// <summary>
/// The proof of delivery against a real SMTP peer: it names the peer's literal answer and the SHA-256 of the bytes the
/// peer received, the stored .eml is those bytes, <c>proof verify</c> refuses any changed byte, and only the roles of
/// the policy get it. On both engines.
/// </summary>
public abstract class DeliveryProofTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    private static readonly byte[] Receta = "%PDF-1.4 receta de lentes progresivos"u8.ToArray();

    private static readonly Dictionary<string, string?> Worker = new()
    {
        ["Cartero:Worker:Enabled"] = "true",
        ["Cartero:Worker:PollInterval"] = "00:00:00.100",
    };

    private async Task<(CarteroAppFactory App, SmtpPeerMessage Received, Guid Id)> SendOneAsync(SmtpPeer smtp)
    {
        var app = await NewAppAsync(Worker);
        await app.ConfigureSmtpAsync(smtp.Port);
        var client = await app.CreateApiClientAsync(admin: true);
        var response = await client.PostAsJsonAsync("/api/v1/emails", new JsonObject
        {
            ["type"] = "pedido",
            ["to"] = new JsonObject { ["address"] = "ana.perez@correo.ec", ["name"] = "Ana Pérez", ["kind"] = "cliente" },
            ["cc"] = new JsonArray(new JsonObject { ["address"] = "sucursal@optica.ec" }),
            ["entity"] = new JsonObject { ["type"] = "pedido", ["id"] = "P-77" },
            ["subject"] = "Su pedido de lentes está listo",
            ["html"] = "<p>Puede retirarlo en la sucursal Quitumbe.</p>",
            ["text"] = "Puede retirarlo en la sucursal Quitumbe.",
            ["attachments"] = new JsonArray(new JsonObject { ["fileName"] = "receta.pdf", ["contentType"] = "application/pdf", ["contentBase64"] = Convert.ToBase64String(Receta) }),
        }, Ct);
        response.EnsureSuccessStatusCode();
        var id = Guid.Parse((string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!);
        await Eventually.WaitForAsync(
            () => app.WithDbAsync(db => db.Emails.AsNoTracking().SingleAsync(e => e.Id == id, Ct)),
            e => e.Status == EmailStatus.Enviado,
            $"el correo {id} llega a enviado");
        var received = Assert.Single(await smtp.GetMessagesAsync(Ct));
        return (app, received, id);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static async Task<string> PdfTextAsync(CarteroAppFactory app, byte[] pdf)
    {
        var path = Path.Combine(app.DataDirectory, $"constancia-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf, Ct);
        using var pdftotext = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true })!;
        var text = await pdftotext.StandardOutput.ReadToEndAsync(Ct);
        await pdftotext.WaitForExitAsync(Ct);
        return text;
    }

    private static async Task<(int Exit, string Output, string Error)> VerifyAsync(CarteroAppFactory app, byte[] file)
    {
        var path = Path.Combine(app.DataDirectory, $"constancia-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(path, file, Ct);
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliModule.RunAsync(app.Services, ["proof", "verify", path], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task The_proof_names_the_peers_literal_answer_and_the_sha256_of_the_bytes_it_received()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var (app, received, id) = await SendOneAsync(smtp);
        var client = await app.CreateApiClientAsync();

        var response = await client.GetAsync($"/api/v1/emails/{id}/proof?format=json", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsByteArrayAsync(Ct))!;
        var proof = document["proof"]!;
        var peerBytes = Encoding.UTF8.GetBytes(received.Raw);
        var sent = Assert.Single(proof["sentMessages"]!.AsArray());
        Assert.Equal(Sha256(peerBytes), (string?)sent!["sha256"]);
        Assert.True((bool)sent["emlStored"]!);
        var literal = $"250 Ok: queued as {received.QueueId}";
        Assert.Equal(literal, (string?)sent["serverAnswer"]);
        var accepted = proof["events"]!.AsArray().Single(e => (string?)e!["status"] == "enviado")!;
        Assert.Equal(literal, (string?)accepted["detail"]);
        Assert.Equal(250, (int?)accepted["code"]);
        Assert.Equal(Sha256(peerBytes), (string?)accepted["messageSha256"]);
        Assert.Equal(Sha256(Receta), (string?)proof["attachments"]![0]!["sha256"]);
        Assert.Equal("ana.perez@correo.ec", (string?)proof["recipients"]!["to"]);
        Assert.Equal("sucursal@optica.ec", (string?)proof["recipients"]!["cc"]![0]);
        Assert.Equal("Su pedido de lentes está listo", (string?)proof["subject"]);
        Assert.Equal($"<{(string?)proof["messageId"]}>", received.MessageId);
        Assert.Equal("api", (string?)proof["request"]!["origin"]);
        Assert.Equal("apikey:admin-test", (string?)proof["request"]!["originatedBy"]);
        Assert.Equal(64, ((string?)document["verification"]!["code"])!.Length);

        // Creating it is audited, and the event chain still verifies with the message hash signed into it.
        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "generar_constancia" && a.Target == id.ToString()).CountAsync(Ct));
        Assert.Equal(1, audited);
        Assert.Equal(0, await CliModule.RunAsync(app.Services, ["audit", "verify"], new StringWriter(), new StringWriter()));
    }

    [Fact]
    public async Task The_message_hash_on_the_event_is_covered_by_the_event_chain()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var (app, _, id) = await SendOneAsync(smtp);

        // What an attacker does first: the append-only trigger goes; then the hash is swapped for another message's.
        await app.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync(OnPostgres
                ? "ALTER TABLE log_envio_correo_evento DISABLE TRIGGER USER"
                : "DROP TRIGGER log_envio_correo_evento_sin_cambios", Ct);
            return await db.EmailEvents.Where(e => e.EmailId == id && e.MessageSha256 != null)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.MessageSha256, new string('a', 64)), Ct);
        });

        var error = new StringWriter();
        Assert.Equal(1, await CliModule.RunAsync(app.Services, ["audit", "verify"], new StringWriter(), error));
        Assert.Contains("log_envio_correo_evento: ALTERADO", error.ToString());
    }

    [Fact]
    public async Task The_verb_accepts_the_untouched_files_and_refuses_every_single_byte_change()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var (app, _, id) = await SendOneAsync(smtp);
        var client = await app.CreateApiClientAsync();
        var zipBytes = await client.GetByteArrayAsync($"/api/v1/emails/{id}/proof", Ct);
        using var zip = new ZipArchive(new MemoryStream(zipBytes));
        byte[] Read(string name)
        {
            using var stream = zip.GetEntry(name)!.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        var json = Read($"constancia-{id}.json");
        var pdf = Read($"constancia-{id}.pdf");
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));

        var jsonOk = await VerifyAsync(app, json);
        Assert.True(jsonOk.Exit == 0, jsonOk.Error);
        Assert.Contains("íntegra", jsonOk.Output);
        Assert.Contains(id.ToString(), jsonOk.Output);
        var pdfOk = await VerifyAsync(app, pdf);
        Assert.True(pdfOk.Exit == 0, pdfOk.Error);

        var text = Encoding.UTF8.GetString(json);
        int[] jsonPositions =
        [
            0, 1, json.Length / 3, json.Length / 2, 2 * json.Length / 3, json.Length - 2, json.Length - 1,
            text.IndexOf("sha256", StringComparison.Ordinal) + 12,
            text.IndexOf("queued as", StringComparison.Ordinal) + 11,
            text.IndexOf("\"keyId\": \"", StringComparison.Ordinal) + 11,
            text.IndexOf("\"code\": \"", StringComparison.Ordinal) + 9,
            text.IndexOf("\"code\": \"", StringComparison.Ordinal) + 72,
            text.IndexOf("\"code\": \"", StringComparison.Ordinal) + 3,
        ];
        var pdfTrailer = Encoding.Latin1.GetString(pdf).LastIndexOf("%cartero-constancia", StringComparison.Ordinal);
        int[] pdfPositions = [0, 3, 200, pdf.Length / 2, pdfTrailer - 3, pdfTrailer + 5, pdfTrailer + 30, pdf.Length - 10, pdf.Length - 2, pdf.Length - 1];

        foreach (var (file, positions) in new[] { (json, jsonPositions), (pdf, pdfPositions) })
        {
            foreach (var position in positions)
            {
                foreach (var change in new byte[] { 0x01, 0x20 })
                {
                    var tampered = (byte[])file.Clone();
                    tampered[position] ^= change;
                    var (exit, _, error) = await VerifyAsync(app, tampered);
                    Assert.True(exit == 1, $"byte {position} ^ 0x{change:x2} de {(file == json ? "JSON" : "PDF")} fue aceptado");
                    Assert.False(string.IsNullOrWhiteSpace(error));
                }
            }
        }

        // A change that keeps the JSON valid and the code well-formed is caught by the code, in Spanish.
        var edited = Encoding.UTF8.GetBytes(text.Replace("ana.perez@correo.ec", "ana.perex@correo.ec", StringComparison.Ordinal));
        var refused = await VerifyAsync(app, edited);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("Constancia ALTERADA", refused.Error);
        var appended = await VerifyAsync(app, [.. pdf, (byte)'\n']);
        Assert.Equal(1, appended.Exit);
    }

    [Fact]
    public async Task Only_the_roles_of_the_policy_get_the_proof_and_only_admin_and_soporte_the_eml_which_is_what_the_peer_received()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var (app, received, id) = await SendOneAsync(smtp);

        foreach (var role in new[] { CarteroRoles.Vendedor, CarteroRoles.Optometrista, CarteroRoles.Cliente })
        {
            var session = await PanelSession.SignInAsync(app, role);
            using var denied = await session.GetAsync($"/api/v1/emails/{id}/proof");
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }

        var gerente = await PanelSession.SignInAsync(app, CarteroRoles.Gerente);
        using (var api = await gerente.GetAsync($"/api/v1/emails/{id}/proof?format=pdf"))
        {
            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
            Assert.Equal("application/pdf", api.Content.Headers.ContentType?.MediaType);
        }

        using (var page = await gerente.GetAsync($"/correos/{id}?handler=Constancia"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("application/zip", page.Content.Headers.ContentType?.MediaType);
        }

        Assert.DoesNotContain("/eml", await gerente.GetStringAsync($"/correos/{id}"));
        using (var eml = await gerente.GetAsync($"/correos/{id}/eml"))
        {
            Assert.Contains("/cuenta/acceso-denegado", eml.Headers.Location?.ToString());
        }

        var peerBytes = Encoding.UTF8.GetBytes(received.Raw);
        foreach (var role in new[] { CarteroRoles.Soporte, CarteroRoles.Admin })
        {
            var session = await PanelSession.SignInAsync(app, role);
            Assert.Contains($"/correos/{id}/eml", await session.GetStringAsync($"/correos/{id}"));
            using var eml = await session.GetAsync($"/correos/{id}/eml");
            Assert.Equal(HttpStatusCode.OK, eml.StatusCode);
            Assert.Equal("message/rfc822", eml.Content.Headers.ContentType?.MediaType);
            Assert.Equal(peerBytes, await eml.Content.ReadAsByteArrayAsync(Ct));
        }

        var downloads = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "descargar_eml" && a.Target == id.ToString()).OrderBy(a => a.Id).Select(a => a.Actor).ToListAsync(Ct));
        Assert.Equal(["soporte@optica.ec", "admin@optica.ec"], downloads);
        var proofs = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "generar_constancia").OrderBy(a => a.Id).Select(a => a.Actor).ToListAsync(Ct));
        Assert.Equal(["gerente@optica.ec", "gerente@optica.ec"], proofs);
    }

    [Fact]
    public async Task The_pdf_is_in_spanish_with_ecuador_times_and_names_the_answer_and_the_hash()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var (app, received, id) = await SendOneAsync(smtp);
        var client = await app.CreateApiClientAsync();
        var pdf = await client.GetByteArrayAsync($"/api/v1/emails/{id}/proof?format=pdf", Ct);
        var requestedAt = await app.WithDbAsync(db => db.Emails.AsNoTracking().Where(e => e.Id == id).Select(e => e.RequestedAt).SingleAsync(Ct));

        var path = Path.Combine(app.DataDirectory, "constancia.pdf");
        await File.WriteAllBytesAsync(path, pdf, Ct);
        using var pdftotext = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true })!;
        var text = await pdftotext.StandardOutput.ReadToEndAsync(Ct);
        await pdftotext.WaitForExitAsync(Ct);

        Assert.Contains("Constancia de envío de correo electrónico", text);
        Assert.Contains($"250 Ok: queued as {received.QueueId}", text);
        // Long values wrap inside their column: compare without line breaks.
        var joined = text.Replace("\n", "", StringComparison.Ordinal);
        Assert.Contains(Sha256(Encoding.UTF8.GetBytes(received.Raw)), joined);
        Assert.Contains(Cartero.Platform.Web.EcuadorTime.Format(requestedAt), text);
        Assert.Contains("Intentos y reportes", text);
    }

    [Fact]
    public async Task An_invoice_proof_carries_the_clave_de_acceso_and_the_hash_of_the_authorised_xml()
    {
        var app = await NewAppAsync();
        const string clave = "0112202601179001691900110010010000001231234567813";
        const string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><autorizacion><estado>AUTORIZADO</estado><comprobante>factura ñ</comprobante></autorizacion>";
        var invoiceId = Guid.CreateVersion7();
        var machine = new EmailStateMachine(TimeProvider.System);
        var email = new EmailLogEntry
        {
            Id = Guid.CreateVersion7(), RequestedAt = DateTime.UtcNow, Type = "factura", RecipientKind = "cliente", ToAddress = "comprador@correo.ec",
            EntityType = "factura", EntityId = invoiceId.ToString(), Origin = "automatico", OriginatedBy = "facturacion",
            Subject = "Factura 001-001-000000123", MessageId = $"{Guid.NewGuid():N}@cartero",
        };
        machine.Start(email, EmailStatus.EnCola, "test");
        await app.WithDbAsync(async db =>
        {
            db.Invoices.Add(new Cartero.Features.Invoicing.Invoice
            {
                Id = invoiceId, CreatedAt = DateTime.UtcNow, Status = Cartero.Features.Invoicing.InvoiceStatus.Autorizada, Environment = "1",
                Establishment = "001", EmissionPoint = "001", Sequential = 123, AccessKey = clave, IssueDate = new DateOnly(2026, 12, 1),
                IssuerRuc = "1790016919001", IssuerName = "Óptica Visión S.A.", BuyerIdType = "05", BuyerId = "1710034065", BuyerName = "Ana Pérez",
                Total = 112m, OriginatedBy = "erp", GeneratedXml = "<factura/>", AuthorizedXml = xml, AuthorizationNumber = clave,
                AuthorizedAt = DateTime.UtcNow, EmailId = email.Id,
            });
            db.Emails.Add(email);
            await db.SaveChangesAsync(Ct);
        });
        var client = await app.CreateApiClientAsync();

        var proof = JsonNode.Parse(await client.GetByteArrayAsync($"/api/v1/emails/{email.Id}/proof?format=json", Ct))!["proof"]!;

        Assert.Equal(clave, (string?)proof["invoice"]!["claveDeAcceso"]);
        Assert.Equal("001-001-000000123", (string?)proof["invoice"]!["number"]);
        Assert.Equal(Sha256(Encoding.UTF8.GetBytes(xml)), (string?)proof["invoice"]!["authorizedXmlSha256"]);
        Assert.Empty(proof["sentMessages"]!.AsArray());
    }

    [Fact]
    public async Task A_message_written_by_the_pickup_provider_is_kept_and_hashed_as_the_file_it_wrote()
    {
        var app = await NewAppAsync(Worker);
        var client = await app.CreateApiClientAsync(admin: true);
        var response = await client.PostAsJsonAsync("/api/v1/emails", new JsonObject
        {
            ["type"] = "aviso_administrativo",
            ["to"] = new JsonObject { ["address"] = "gerencia@optica.ec", ["kind"] = "empleado" },
            ["subject"] = "Cierre de caja",
            ["text"] = "El cierre de caja de hoy está listo.",
        }, Ct);
        response.EnsureSuccessStatusCode();
        var id = Guid.Parse((string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!);
        await Eventually.WaitForAsync(
            () => app.WithDbAsync(db => db.Emails.AsNoTracking().SingleAsync(e => e.Id == id, Ct)),
            e => e.Status == EmailStatus.Enviado,
            $"el correo {id} llega a enviado");
        var written = await File.ReadAllBytesAsync(Path.Combine(app.Services.GetRequiredService<Cartero.Platform.DataDirectory>().Outbox, $"{id}.eml"), Ct);

        var proof = JsonNode.Parse(await client.GetByteArrayAsync($"/api/v1/emails/{id}/proof?format=json", Ct))!["proof"]!;
        Assert.Equal(Sha256(written), (string?)Assert.Single(proof["sentMessages"]!.AsArray())!["sha256"]);
        var soporte = await PanelSession.SignInAsync(app, CarteroRoles.Soporte);
        using var eml = await soporte.GetAsync($"/correos/{id}/eml");
        Assert.Equal(written, await eml.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task A_sendgrid_send_records_the_sha256_of_the_request_body_sendgrid_received_and_keeps_that_body()
    {
        await using var sendGrid = await SendGridFake.StartAsync();
        var app = await NewAppAsync(Worker);
        var admin = await app.CreateApiClientAsync(admin: true);
        var settings = await admin.PutAsJsonAsync("/api/v1/settings/mail", new JsonObject
        {
            ["provider"] = "sendgrid", ["apiKey"] = SendGridFake.ValidKey, ["sendGridBaseUrl"] = sendGrid.BaseAddress.ToString(),
            ["fromAddress"] = "notificaciones@optica.ec", ["fromName"] = "Óptica Visión",
        }, Ct);
        Assert.True(settings.IsSuccessStatusCode, await settings.Content.ReadAsStringAsync(Ct));
        var response = await admin.PostAsJsonAsync("/api/v1/emails", new JsonObject
        {
            ["type"] = "pedido",
            ["to"] = new JsonObject { ["address"] = "ana.perez@correo.ec", ["name"] = "Ana Pérez", ["kind"] = "cliente" },
            ["subject"] = "Su pedido de lentes está listo",
            ["text"] = "Puede retirarlo en la sucursal Quitumbe.",
            ["attachments"] = new JsonArray(new JsonObject { ["fileName"] = "receta.pdf", ["contentType"] = "application/pdf", ["contentBase64"] = Convert.ToBase64String(Receta) }),
        }, Ct);
        response.EnsureSuccessStatusCode();
        var id = Guid.Parse((string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!);
        var entry = await Eventually.WaitForAsync(
            () => app.WithDbAsync(db => db.Emails.AsNoTracking().Include(e => e.Events).SingleAsync(e => e.Id == id, Ct)),
            e => e.Status == EmailStatus.Enviado,
            $"el correo {id} llega a enviado por SendGrid");

        var received = Assert.Single(sendGrid.AcceptedBodies);
        Assert.Equal(Sha256(received), entry.Events.Single(e => e.Status == EmailStatus.Enviado).MessageSha256);
        var client = await app.CreateApiClientAsync();
        var proof = JsonNode.Parse(await client.GetByteArrayAsync($"/api/v1/emails/{id}/proof?format=json", Ct))!["proof"]!;
        var sent = Assert.Single(proof["sentMessages"]!.AsArray())!;
        Assert.Equal(Sha256(received), (string?)sent["sha256"]);
        Assert.Equal("sendgrid", (string?)sent["provider"]);
        Assert.True((bool)sent["emlStored"]!);
        var text = await PdfTextAsync(app, await client.GetByteArrayAsync($"/api/v1/emails/{id}/proof?format=pdf", Ct));
        Assert.Contains(Sha256(received), text.Replace("\n", "", StringComparison.Ordinal));
        Assert.Contains("la solicitud JSON que Cartero entregó a SendGrid", text.Replace("\n", " ", StringComparison.Ordinal));

        // The detail names what the kept file is, and the download is the body SendGrid received, as JSON.
        var soporte = await PanelSession.SignInAsync(app, CarteroRoles.Soporte);
        var page = await soporte.GetStringAsync($"/correos/{id}");
        Assert.Contains(Sha256(received), page);
        Assert.Contains("solicitud enviada a SendGrid", page);
        using var download = await soporte.GetAsync($"/correos/{id}/eml");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".json", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(received, await download.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task The_detail_offers_the_eml_only_while_it_is_kept_and_says_when_retention_purged_it()
    {
        var app = await NewAppAsync(Worker);
        var client = await app.CreateApiClientAsync(admin: true);
        var response = await client.PostAsJsonAsync("/api/v1/emails", new JsonObject
        {
            ["type"] = "aviso_administrativo",
            ["to"] = new JsonObject { ["address"] = "gerencia@optica.ec", ["kind"] = "empleado" },
            ["subject"] = "Cierre de caja",
            ["text"] = "El cierre de caja de hoy está listo.",
        }, Ct);
        response.EnsureSuccessStatusCode();
        var id = Guid.Parse((string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!);
        var entry = await Eventually.WaitForAsync(
            () => app.WithDbAsync(db => db.Emails.AsNoTracking().Include(e => e.Events).SingleAsync(e => e.Id == id, Ct)),
            e => e.Status == EmailStatus.Enviado,
            $"el correo {id} llega a enviado");
        var soporte = await PanelSession.SignInAsync(app, CarteroRoles.Soporte);
        Assert.Contains($"/correos/{id}/eml", await soporte.GetStringAsync($"/correos/{id}"));

        // What the retention job does to it: the .eml goes with the content, the hash stays on the event.
        var purgedAt = new DateTime(2026, 11, 30, 17, 5, 0, DateTimeKind.Utc);
        app.Services.GetRequiredService<SentMessageArchive>().Purge(entry.Events.Single(e => e.MessageSha256 is not null).MessageSha256!);
        await app.WithDbAsync(db => db.Emails.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.ContentPurgedAt, purgedAt), Ct));

        var page = await soporte.GetStringAsync($"/correos/{id}");
        Assert.DoesNotContain($"/correos/{id}/eml", page);
        Assert.Contains($"El .eml enviado se borró el {Cartero.Platform.Web.EcuadorTime.Format(purgedAt)} al vencer el plazo de retención", page);
        using var eml = await soporte.GetAsync($"/correos/{id}/eml");
        Assert.Equal(HttpStatusCode.NotFound, eml.StatusCode);
    }

    [Fact]
    public async Task An_eml_that_cannot_be_stored_does_not_lose_the_accepted_attempt()
    {
        var app = await NewAppAsync(Worker);
        var client = await app.CreateApiClientAsync(admin: true);
        // The sent-message archive breaks: its folder is a plain file now, so no segment can be written under it.
        var store = app.Services.GetRequiredService<Cartero.Platform.DataDirectory>().SentMessages;
        if (Directory.Exists(store))
        {
            Directory.Delete(store, recursive: true);
        }

        await File.WriteAllTextAsync(store, "no es una carpeta", Ct);
        var response = await client.PostAsJsonAsync("/api/v1/emails", new JsonObject
        {
            ["type"] = "aviso_administrativo",
            ["to"] = new JsonObject { ["address"] = "gerencia@optica.ec", ["kind"] = "empleado" },
            ["subject"] = "Cierre de caja",
            ["text"] = "El cierre de caja de hoy está listo.",
        }, Ct);
        response.EnsureSuccessStatusCode();
        var id = Guid.Parse((string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!);

        var entry = await Eventually.WaitForAsync(
            () => app.WithDbAsync(db => db.Emails.AsNoTracking().Include(e => e.Events).SingleAsync(e => e.Id == id, Ct)),
            e => e.Status == EmailStatus.Enviado,
            $"el correo {id} llega a enviado aunque su .eml no se pueda guardar");

        var written = await File.ReadAllBytesAsync(Path.Combine(app.Services.GetRequiredService<Cartero.Platform.DataDirectory>().Outbox, $"{id}.eml"), Ct);
        Assert.Equal(Sha256(written), entry.Events.Single(e => e.Status == EmailStatus.Enviado).MessageSha256);
        Assert.Equal(1, entry.Attempts);
        var proof = JsonNode.Parse(await client.GetByteArrayAsync($"/api/v1/emails/{id}/proof?format=json", Ct))!["proof"]!;
        Assert.False((bool)Assert.Single(proof["sentMessages"]!.AsArray())!["emlStored"]!);
        // The detail offers no download that would 404, and says why.
        var soporte = await PanelSession.SignInAsync(app, CarteroRoles.Soporte);
        var page = await soporte.GetStringAsync($"/correos/{id}");
        Assert.DoesNotContain($"/correos/{id}/eml", page);
        Assert.Contains("El .eml enviado no está guardado", page);
        await Eventually.WaitForAsync(
            () => Task.FromResult(File.Exists(app.LogFile) ? File.ReadAllText(app.LogFile) : ""),
            log => log.Contains("No se pudo guardar el .eml enviado", StringComparison.Ordinal),
            "el registro dice que el .eml no se guardó");
    }
}

public sealed class SqliteDeliveryProofTests() : DeliveryProofTests(null);

public sealed class PostgresDeliveryProofTests(PostgresCluster postgres) : DeliveryProofTests(postgres);
