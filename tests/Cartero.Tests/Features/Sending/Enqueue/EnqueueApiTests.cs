using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Tests.Features.Sending.Enqueue;

public abstract class EnqueueApiTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    private static JsonObject ValidBody(string? idempotencyKey = null) => new()
    {
        ["type"] = "aviso_administrativo",
        ["to"] = new JsonObject { ["address"] = "cliente@optica.ec", ["name"] = "Ana Pérez", ["kind"] = "cliente", ["id"] = "C-77" },
        ["entity"] = new JsonObject { ["type"] = "venta", ["id"] = "V-1001" },
        ["subject"] = "Su pedido está listo",
        ["html"] = "<p>Hola Ana</p>",
        ["text"] = "Hola Ana",
        ["idempotencyKey"] = idempotencyKey,
    };

    [Fact]
    public async Task A_valid_request_is_enqueued_with_its_first_event()
    {
        var app = await NewAppAsync();
        var client = await app.CreateApiClientAsync(name: "erp");

        var response = await client.PostAsJsonAsync("/api/v1/emails", ValidBody(), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Equal("en_cola", (string?)body!["status"]);
        var id = Guid.Parse((string)body["id"]!);
        Assert.Equal($"/api/v1/emails/{id}", response.Headers.Location?.OriginalString);

        var row = await app.WithDbAsync(db => db.Emails.Include(e => e.Events).Include(e => e.Content).SingleAsync(Ct));
        Assert.Equal(id, row.Id);
        Assert.Equal(EmailStatus.EnCola, row.Status);
        Assert.Equal("cliente@optica.ec", row.ToAddress);
        Assert.Equal("cliente", row.RecipientKind);
        Assert.Equal("C-77", row.RecipientId);
        Assert.Equal(("venta", "V-1001"), (row.EntityType, row.EntityId));
        Assert.Equal("api", row.Origin);
        Assert.Equal("apikey:erp", row.OriginatedBy);
        Assert.StartsWith(id.ToString("N"), row.MessageId);
        Assert.Equal("<p>Hola Ana</p>", row.Content!.Html);
        var evt = Assert.Single(row.Events);
        Assert.Equal(EmailStatus.EnCola, evt.Status);
        Assert.Null(evt.PreviousStatus);
    }

    [Fact]
    public async Task A_batch_is_stored_whole_in_order_or_not_at_all()
    {
        var app = await NewAppAsync();
        var client = await app.CreateApiClientAsync(name: "erp");
        var items = new JsonArray();
        for (var i = 0; i < 120; i++)
        {
            var item = ValidBody(idempotencyKey: i % 40 == 0 ? $"lote-{i}" : null);
            item["to"]!["address"] = $"cliente{i}@optica.ec";
            items.Add(item);
        }

        var response = await client.PostAsJsonAsync("/api/v1/emails/batch", new JsonObject { ["items"] = items }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = (await response.Content.ReadFromJsonAsync<EnqueueEmailBatchResponse>(Ct))!;
        Assert.Equal(120, answer.Items.Count);
        Assert.All(answer.Items, r => Assert.Equal("en_cola", r.Status));
        var rows = await app.WithDbAsync(db => db.Emails.Include(e => e.Events).ToDictionaryAsync(e => e.Id, Ct));
        Assert.Equal(120, rows.Count);
        Assert.Equal("cliente7@optica.ec", rows[answer.Items[7].Id].ToAddress);
        Assert.All(rows.Values, r => Assert.Single(r.Events));

        // The same keys again are replays; one bad item refuses the whole batch and names it.
        var again = await client.PostAsJsonAsync("/api/v1/emails/batch", new JsonObject { ["items"] = new JsonArray(items[40]!.DeepClone(), ValidBody()) }, Ct);
        var replay = (await again.Content.ReadFromJsonAsync<EnqueueEmailBatchResponse>(Ct))!;
        Assert.True(replay.Items[0].Replayed);
        Assert.Equal(answer.Items[40].Id, replay.Items[0].Id);
        Assert.False(replay.Items[1].Replayed);

        var bad = ValidBody();
        bad["to"]!["address"] = "sin-arroba";
        var refused = await client.PostAsJsonAsync("/api/v1/emails/batch", new JsonObject { ["items"] = new JsonArray(ValidBody(), bad) }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!.AsObject();
        Assert.Equal(["items[1].to.address"], errors.Select(e => e.Key).ToArray());
        Assert.Equal(121, await app.WithDbAsync(db => db.Emails.CountAsync(Ct)));

        var empty = await client.PostAsJsonAsync("/api/v1/emails/batch", new JsonObject { ["items"] = new JsonArray() }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task A_template_request_renders_the_template_of_its_type()
    {
        var app = await NewAppAsync();
        var client = await app.CreateApiClientAsync();
        var body = new JsonObject
        {
            ["type"] = "prueba",
            ["to"] = new JsonObject { ["address"] = "soporte@optica.ec" },
            ["data"] = new JsonObject { ["proveedor"] = "smtp", ["remitente"] = "facturas@optica.ec", ["solicitado_por"] = "Ana" },
        };

        var response = await client.PostAsJsonAsync("/api/v1/emails", body, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var row = await app.WithDbAsync(db => db.Emails.Include(e => e.Content).SingleAsync(Ct));
        Assert.Equal("prueba", row.Template);
        Assert.False(string.IsNullOrWhiteSpace(row.Subject));
        Assert.False(string.IsNullOrWhiteSpace(row.Content!.Html));
        Assert.False(string.IsNullOrWhiteSpace(row.Content.Text));
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { """{"type":"aviso_administrativo","to":{"address":"no-es-correo"},"subject":"s","text":"t"}""", "to.address" },
        { """{"type":"aviso_administrativo","to":{"address":"a@b.ec\r\nBcc: x@y.ec"},"subject":"s","text":"t"}""", "to.address" },
        { """{"type":"aviso_administrativo","to":{"address":"a@b.ec"},"subject":"Hola\r\nBcc: x@y.ec","text":"t"}""", "subject" },
        { """{"type":"aviso_administrativo","to":{"address":"a@b.ec","name":"Ana\nBcc: x@y.ec"},"subject":"s","text":"t"}""", "to.name" },
        { """{"type":"desconocido","to":{"address":"a@b.ec"},"subject":"s","text":"t"}""", "type" },
        { """{"to":{"address":"a@b.ec"},"subject":"s","text":"t"}""", "type" },
        { """{"type":"aviso_administrativo","subject":"s","text":"t"}""", "to" },
        { """{"type":"aviso_administrativo","to":{"address":"a@b.ec"},"template":"no_existe"}""", "template" },
        { """{"type":"prueba","to":{"address":"a@b.ec"},"data":{}}""", "data" },
        { """{"type":"aviso_administrativo","to":{"address":"a@b.ec"},"subject":"s"}""", "html" },
        { """{"type":"aviso_administrativo","to":{"address":"a@b.ec","kind":"proveedor"},"subject":"s","text":"t"}""", "to.kind" },
        { """{"type":"aviso_administrativo","to":{"address":"a@b.ec"},"cc":[{"address":"mal"}],"subject":"s","text":"t"}""", "cc[0].address" },
        { """{"type":"aviso_administrativo","to":{"address":"a@b.ec"},"entity":{"type":"venta"},"subject":"s","text":"t"}""", "entity" },
        { """{"type":"aviso_administrativo","to":{"address":"a@b.ec"},"subject":"s","text":"t","attachments":[{"fileName":"a.exe","contentType":"application/x-msdownload","contentBase64":"TVqQAAMAAAAEAAAA"}]}""", "attachments[0].contentType" },
        { """{"type":"aviso_administrativo","to":{"address":"a@b.ec"},"subject":"s","text":"t","attachments":[{"fileName":"a.pdf","contentType":"application/pdf","contentBase64":"%%%no-base64%%%"}]}""", "attachments[0].contentBase64" },
        { """{"type":"aviso_administrativo","to":{"address":"ana\u200B@correo.ec"},"subject":"s","text":"t"}""", "to.address" },
        { """{"type":"aviso_administrativo","to":{"address":"a@b.ec"},"cc":[{"address":"ana@correo\u202E.ec"}],"subject":"s","text":"t"}""", "cc[0].address" },
        { """{"type":"aviso_administrativo","to":{"address":"a@b.ec"},"bcc":[{"address":"\uFEFFana@correo.ec"}],"subject":"s","text":"t"}""", "bcc[0].address" },
        { """{"type":"aviso_administrativo","to":{"address":"ana\u00A0@correo.ec"},"subject":"s","text":"t"}""", "to.address" },
        { """{"type":"aviso_administrativo","to":{"address":"a@b.ec","name":"Ana \u202Egnp.exe"},"subject":"s","text":"t"}""", "to.name" },
        { """{"type":"aviso_administrativo","to":{"address":"a@b.ec"},"subject":"s","text":"t","attachments":[{"fileName":"factura.pdf.exe","contentType":"application/pdf","contentBase64":"JVBERi0xLjQK"}]}""", "attachments[0].fileName" },
        { """{"type":"aviso_administrativo","to":{"address":"a@b.ec"},"subject":"s","text":"t","attachments":[{"fileName":"factura\u202Efdp.exe","contentType":"application/pdf","contentBase64":"JVBERi0xLjQK"}]}""", "attachments[0].fileName" },
        { """{"type":"aviso_administrativo","to":{"address":"a@b.ec"},"subject":"s","text":"t","attachments":[{"fileName":"script.js","contentType":"application/javascript","contentBase64":"YWxlcnQoMSk="}]}""", "attachments[0].contentType" },
        { """{"type":"aviso_administrativo","to":{"address":"a@b.ec"},"subject":"s","text":"t","attachments":[{"fileName":"foto.png","contentType":"image/png","contentBase64":"/9j/4AAQSkZJRg=="}]}""", "attachments[0].contentBase64" },
        { """{"type":"aviso_administrativo","to":{"address":"a@b.ec"},"subject":"s","text":"t","idempotencyKey":"clave\u0007rara"}""", "idempotencyKey" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task An_invalid_request_names_the_bad_field_and_enqueues_nothing(string json, string field)
    {
        var app = await NewAppAsync();
        var client = await app.CreateApiClientAsync();

        var response = await client.PostAsync("/api/v1/emails", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        var errors = problem!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"Se esperaba un error en '{field}', llegaron: {string.Join(", ", errors.Select(e => e.Key))}");
        Assert.All(errors, e => Assert.NotEmpty(e.Value!.AsArray()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Emails.CountAsync(Ct)));
        Assert.Equal(0, await app.WithDbAsync(db => db.EmailEvents.CountAsync(Ct)));
        Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "attachments")) &&
                     Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "attachments"), "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task A_subject_rendered_from_a_template_is_limited_like_a_literal_one()
    {
        var app = await NewAppAsync();
        var client = await app.CreateApiClientAsync();
        JsonObject Body(int length) => new()
        {
            ["type"] = "aviso_administrativo", ["to"] = new JsonObject { ["address"] = "a@b.ec" },
            ["data"] = new JsonObject { ["titulo"] = new string('x', length), ["mensaje"] = "Inventario el viernes." },
        };

        var tooLong = await client.PostAsJsonAsync("/api/v1/emails", Body(999), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("application/problem+json", tooLong.Content.Headers.ContentType?.MediaType);
        var errors = (await tooLong.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!.AsObject();
        Assert.Contains("998", (string)errors["data"]![0]!);
        Assert.Equal(0, await app.WithDbAsync(db => db.Emails.CountAsync(Ct)));
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/v1/emails", Body(998), Ct)).StatusCode);
    }

    [Fact]
    public async Task A_missing_template_variable_is_named()
    {
        var app = await NewAppAsync();
        var client = await app.CreateApiClientAsync();
        var body = new JsonObject { ["type"] = "prueba", ["to"] = new JsonObject { ["address"] = "a@b.ec" }, ["data"] = new JsonObject { ["proveedor"] = "smtp" } };

        var response = await client.PostAsJsonAsync("/api/v1/emails", body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("remitente", text);
        Assert.Equal(0, await app.WithDbAsync(db => db.Emails.CountAsync(Ct)));
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_returns_the_same_email()
    {
        var app = await NewAppAsync();
        var client = await app.CreateApiClientAsync();

        var first = await client.PostAsJsonAsync("/api/v1/emails", ValidBody("venta-1001-factura"), Ct);
        var second = await client.PostAsJsonAsync("/api/v1/emails", ValidBody("venta-1001-factura"), Ct);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var a = await first.Content.ReadFromJsonAsync<JsonObject>(Ct);
        var b = await second.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Equal((string?)a!["id"], (string?)b!["id"]);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await app.WithDbAsync(db => db.Emails.CountAsync(Ct)));
    }

    [Fact]
    public async Task The_same_idempotency_key_with_another_body_is_a_conflict()
    {
        var app = await NewAppAsync();
        var client = await app.CreateApiClientAsync();
        await client.PostAsJsonAsync("/api/v1/emails", ValidBody("clave-1"), Ct);
        var other = ValidBody("clave-1");
        other["subject"] = "Otro asunto";

        var response = await client.PostAsJsonAsync("/api/v1/emails", other, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await app.WithDbAsync(db => db.Emails.CountAsync(Ct)));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_create_one_email()
    {
        var app = await NewAppAsync();
        var client = await app.CreateApiClientAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsJsonAsync("/api/v1/emails", ValidBody("carrera"), Ct)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (string?)(await r.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await app.WithDbAsync(db => db.Emails.CountAsync(Ct)));
    }

    [Fact]
    public async Task Attachments_are_stored_by_hash_and_described_on_the_row()
    {
        var app = await NewAppAsync();
        var client = await app.CreateApiClientAsync();
        var pdf = "%PDF-1.4\n% Cartero\n"u8.ToArray();
        var body = ValidBody();
        body["attachments"] = new JsonArray(new JsonObject { ["fileName"] = "RIDE-001-001-000000123.pdf", ["contentType"] = "application/pdf", ["contentBase64"] = Convert.ToBase64String(pdf) });

        var response = await client.PostAsJsonAsync("/api/v1/emails", body, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var row = await app.WithDbAsync(db => db.Emails.SingleAsync(Ct));
        var attachment = Assert.Single(row.Attachments);
        Assert.Equal("RIDE-001-001-000000123.pdf", attachment.FileName);
        Assert.Equal(pdf.Length, attachment.Size);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), attachment.Sha256);
        var stored = Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "attachments"), attachment.Sha256, SearchOption.AllDirectories).Single();
        Assert.Equal(pdf, await File.ReadAllBytesAsync(stored, Ct));
    }

    [Fact]
    public async Task Requests_without_a_valid_key_are_refused()
    {
        var app = await NewAppAsync();
        var anonymous = app.CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/v1/emails", ValidBody(), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "crt_inventada");
        response = await anonymous.GetAsync("/api/v1/emails", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Emails.CountAsync(Ct)));
    }
}

public sealed class SqliteEnqueueApiTests() : EnqueueApiTests(null);

public sealed class PostgresEnqueueApiTests(PostgresCluster postgres) : EnqueueApiTests(postgres);
