using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Cartero.Features.Templates;
using Cartero.Sri.Tests;
using Cartero.Tests.Features.Invoicing;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cartero.Tests.Platform.Web;

/// <summary>
/// Generated bad input against the write endpoints: every property of a few valid bodies replaced by null, [null],
/// wrong types, numbers no .NET number holds, lone surrogates, very long strings, deep garbage or removed, plus
/// truncated bodies. None may answer 5xx, every 4xx is problem+json, and a 4xx stores nothing.
/// </summary>
public sealed class ApiFuzzTests() : AppTestBase(null)
{
    private const int Seed = 20261201;
    private const int VariantsPerBody = 600;

    // Stand-ins replaced in the serialized text: JsonNode cannot hold 1e400 or write a lone surrogate.
    private static readonly string[] RawValues =
    [
        "1e400", "-1e400", "79228162514264337593543950336", "9999999999999999999999999999", "-79228162514264337593543950336", "\"\\ud800\"", "\"a\\udfffb\"",
        "[null]", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        "{\"a\":{\"b\":[1,\"x\",null,{\"c\":true}]}}", "true", "0", "-1", "0.0000000000000000000000000001", "\"x\"", "\"\"", "{}", "[]",
        "\"" + new string('á', 70_000) + "\"", "\"2026-13-45\"", "null",
    ];

    private static JsonObject Email() => new()
    {
        ["type"] = "aviso_administrativo",
        ["to"] = new JsonObject { ["address"] = "cliente@optica.ec", ["name"] = "Ana Pérez", ["kind"] = "cliente", ["id"] = "C-77" },
        ["cc"] = new JsonArray(new JsonObject { ["address"] = "copia@optica.ec", ["name"] = "Copia" }),
        ["bcc"] = new JsonArray(new JsonObject { ["address"] = "oculta@optica.ec" }),
        ["entity"] = new JsonObject { ["type"] = "venta", ["id"] = "V-1001" },
        ["subject"] = "Su pedido está listo",
        ["html"] = "<p>Hola Ana</p>",
        ["text"] = "Hola Ana",
        ["attachments"] = new JsonArray(new JsonObject
        {
            ["fileName"] = "nota.txt", ["contentType"] = "text/plain", ["contentBase64"] = Convert.ToBase64String("Hola"u8.ToArray()),
        }),
    };

    private static JsonObject TemplatedEmail() => new()
    {
        ["type"] = "aviso_administrativo",
        ["to"] = new JsonObject { ["address"] = "cliente@optica.ec" },
        ["data"] = new JsonObject
        {
            ["titulo"] = "Aviso", ["mensaje"] = "Hola", ["precio"] = 12.5, ["lista"] = new JsonArray(1, "dos", new JsonObject { ["tres"] = 3 }),
        },
        ["idempotencyKey"] = "fuzz-plantilla",
    };

    private static JsonObject Batch() => new() { ["items"] = new JsonArray(Email(), TemplatedEmail()) };

    private static JsonObject Invoice() => new()
    {
        ["buyer"] = new JsonObject
        {
            ["idType"] = "ruc", ["id"] = "1790012344001", ["name"] = "Óptica Los Andes S.A.", ["email"] = "compras@optica-los-andes.ec",
            ["address"] = "Av. 6 de Diciembre, Quito", ["customerId"] = "C-77",
        },
        ["issueDate"] = null,
        ["lines"] = new JsonArray(
            new JsonObject { ["code"] = "ARM-01", ["description"] = "Armazón acetato café", ["quantity"] = 1, ["unitPrice"] = 20, ["tax"] = "iva15" },
            new JsonObject { ["code"] = "LC-30", ["description"] = "Lentes de contacto", ["quantity"] = 2, ["unitPrice"] = 5.5, ["discount"] = 1, ["tax"] = "iva0" }),
        ["payments"] = new JsonArray(new JsonObject { ["method"] = "19", ["total"] = 33.00 }),
        ["tip"] = 0,
        ["additionalInfo"] = new JsonObject { ["Vendedor"] = "Luis" },
        ["reference"] = "VENTA-1",
    };

    private static JsonObject MailSettings() => new()
    {
        ["provider"] = "pickup", ["fromAddress"] = "facturas@optica.ec", ["fromName"] = "Óptica Visión", ["replyTo"] = "ventas@optica.ec",
        ["port"] = 25, ["version"] = null,
    };

    private static JsonObject MailTest() => new() { ["to"] = "prueba@optica.ec", ["settings"] = MailSettings() };

    [Fact]
    public async Task Generated_bad_bodies_never_get_a_5xx_and_a_refused_body_stores_nothing()
    {
        var app = await NewAppAsync(new Dictionary<string, string?> { ["Sri:SchemaDirectory"] = RutasPrueba.Esquemas, ["Sri:ProcessorEnabled"] = "false" });
        var admin = await app.CreateApiClientAsync(admin: true, name: "fuzz");
        var configured = await admin.PutAsJsonAsync("/api/v1/settings/invoicing", InvoicingTests.SettingsBody(), Ct);
        Assert.Equal(HttpStatusCode.OK, configured.StatusCode);

        // An invoice to correct: the processor is off, so it stays generada; each request finds it devuelta again.
        using (var created = await admin.PostAsJsonAsync("/api/v1/invoices", Invoice(), Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        }

        var toCorrect = await app.WithDbAsync(db => db.Invoices.Select(i => i.Id).SingleAsync(Ct));
        Task Devuelta() => app.WithDbAsync(db => db.Invoices.Where(i => i.Id == toCorrect)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, Cartero.Features.Invoicing.InvoiceStatus.Devuelta), Ct));

        var random = new Random(Seed);
        var targets = new (string Method, string Path, JsonObject Body, Func<Task>? Prepare)[]
        {
            ("POST", "/api/v1/emails", Email(), null),
            ("POST", "/api/v1/emails", TemplatedEmail(), null),
            ("POST", "/api/v1/emails/batch", Batch(), null),
            ("POST", "/api/v1/invoices", Invoice(), null),
            ("PUT", $"/api/v1/invoices/{toCorrect}", Invoice(), Devuelta),
            ("PUT", "/api/v1/settings/mail", MailSettings(), null),
            ("POST", "/api/v1/settings/mail/test", MailTest(), null),
            ("PUT", "/api/v1/settings/invoicing", InvoicingTests.SettingsBody(), null),
        };

        var failures = new List<string>();
        var sent = 0;
        foreach (var (method, path, body, prepare) in targets)
        {
            // The unmutated body is accepted, so every variant differs from a valid request by one change.
            if (prepare is not null)
            {
                await prepare();
            }

            using (var valid = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(body) }, Ct))
            {
                Assert.True(valid.IsSuccessStatusCode, $"{method} {path}: {(int)valid.StatusCode} {await valid.Content.ReadAsStringAsync(Ct)}");
            }

            foreach (var variant in Variants(body, random))
            {
                if (prepare is not null)
                {
                    await prepare();
                }

                var before = await CountsAsync(app);
                using var request = new HttpRequestMessage(new HttpMethod(method), path)
                {
                    Content = new StringContent(variant, Encoding.UTF8, "application/json"),
                };
                using var response = await admin.SendAsync(request, Ct);
                sent++;
                var status = (int)response.StatusCode;
                var shown = variant.Length > 300 ? variant[..300] + "…" : variant;
                if (status >= 500)
                {
                    failures.Add($"{method} {path} → {status}: {shown}\n{await response.Content.ReadAsStringAsync(Ct)}");
                }
                else if (status >= 400)
                {
                    if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    {
                        failures.Add($"{method} {path} → {status} sin problem+json: {shown}");
                    }

                    if (await CountsAsync(app) != before)
                    {
                        failures.Add($"{method} {path} → {status} pero guardó filas: {shown}");
                    }
                }
            }
        }

        Assert.True(sent >= 3000, $"solo {sent} variantes");
        // Some variants are still valid: the endpoints were reached past their readiness checks, not refused wholesale.
        var stored = await CountsAsync(app);
        Assert.True(stored.Emails > 0 && stored.Invoices > 1 && stored.Settings > 0 && stored.InvoiceEvents > 0 && stored.InvoicingVersion > 1,
            $"nada se guardó: {stored}");
        Assert.True(failures.Count == 0, $"{failures.Count} de {sent} variantes fallaron:\n" + string.Join("\n\n", failures.Take(25)));
    }

    [Theory]
    [InlineData("{\"type\":\"aviso_administrativo\",\"to\":{\"address\":\"a@optica.ec\"},\"cc\":[null],\"subject\":\"x\",\"text\":\"y\"}", "cc[0]")]
    [InlineData("{\"type\":\"aviso_administrativo\",\"to\":{\"address\":\"a@optica.ec\"},\"data\":{\"precio\":1e400}}", "data.precio")]
    [InlineData("{\"type\":\"aviso_administrativo\",\"to\":{\"address\":\"a@optica.ec\"},\"data\":{\"titulo\":\"\\ud800\"}}", "data.titulo")]
    [InlineData("{\"type\":\"aviso_administrativo\",\"to\":{\"address\":\"a@optica.ec\"},\"subject\":\"x\",\"text\":5}", "text")]
    [InlineData("{\"type\":\"aviso_administrativo\",\"to\":{\"address\":\"a@optica.ec\"", "*")]
    public async Task A_bad_email_names_the_field_in_spanish(string body, string field)
    {
        var app = await NewAppAsync();
        var client = await app.CreateApiClientAsync(admin: true);

        var response = await client.PostAsync("/api/v1/emails", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        var errors = problem["errors"]!.AsObject();
        Assert.True(field == "*" ? errors.Count > 0 : errors.ContainsKey(field), $"sin error para {field}: {problem.ToJsonString()}");
        Assert.DoesNotContain("JSON value could not", problem.ToJsonString());
        Assert.Equal(0, await app.WithDbAsync(db => db.Emails.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_stale_settings_version_is_a_409_in_spanish_without_the_database_text()
    {
        var app = await NewAppAsync();
        var admin = await app.CreateApiClientAsync(admin: true);
        var stale = MailSettings();
        stale["version"] = 3;

        var response = await admin.PutAsJsonAsync("/api/v1/settings/mail", stale, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal("La configuración cambió", (string?)problem["title"]);
        Assert.Contains("Recargue", (string?)problem["detail"]);
        Assert.DoesNotContain("database operation", problem.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unexpected_exception_is_a_500_in_spanish_with_a_trace_id_and_without_its_text()
    {
        var app = (await NewAppAsync()).WithServices(s =>
        {
            s.RemoveAll<IEmailTemplates>();
            s.AddSingleton<IEmailTemplates, BrokenTemplates>();
        });
        var client = await app.CreateApiClientAsync();

        var response = await client.PostAsJsonAsync("/api/v1/emails", Email(), Ct);

        // An InvalidOperationException is a bug here, not a conflict: no 409.
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal("Error interno", (string?)problem["title"]);
        Assert.False(string.IsNullOrEmpty((string?)problem["traceId"]));
        Assert.DoesNotContain(BrokenTemplates.Secret, problem.ToJsonString());
    }

    private sealed class BrokenTemplates : IEmailTemplates
    {
        public const string Secret = "detalle-interno-7f3a";

        public IReadOnlyCollection<string> KnownTypes => throw new InvalidOperationException(Secret);

        public bool Exists(string name) => throw new InvalidOperationException(Secret);

        public RenderedEmail Render(string name, JsonObject? data) => throw new InvalidOperationException(Secret);
    }

    private static IEnumerable<string> Variants(JsonObject body, Random random)
    {
        var paths = new List<List<object>>();
        Collect(body, [], paths);
        var all = new List<string>();
        foreach (var path in paths)
        {
            all.Add(Serialize(Remove(body.DeepClone(), path)));
            foreach (var raw in RawValues)
            {
                all.Add(Serialize(Replace(body.DeepClone(), path, "\u0001RAW" + Array.IndexOf(RawValues, raw) + "\u0001")));
            }
        }

        // A fixed sample of the combinations, so each body costs about the same whatever its size.
        var chosen = all.OrderBy(_ => random.Next()).Take(VariantsPerBody).ToList();
        var valid = body.ToJsonString();
        foreach (var cut in new[] { 1, 2, valid.Length / 3, valid.Length / 2, valid.Length - 1 })
        {
            chosen.Add(valid[..cut]);
        }

        chosen.Add("");
        chosen.Add("[]");
        chosen.Add("null");
        chosen.Add("\"texto\"");
        chosen.Add(valid + "}");
        return chosen;
    }

    private static void Collect(JsonNode? node, List<object> path, List<List<object>> paths)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    List<object> next = [.. path, name];
                    paths.Add(next);
                    Collect(child, next, paths);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    List<object> next = [.. path, i];
                    paths.Add(next);
                    Collect(array[i], next, paths);
                }

                break;
        }
    }

    private static JsonNode Replace(JsonNode root, List<object> path, string marker)
    {
        var parent = Walk(root, path);
        switch (path[^1])
        {
            case string name:
                parent.AsObject()[name] = marker;
                break;
            case int index:
                parent.AsArray()[index] = marker;
                break;
        }

        return root;
    }

    private static JsonNode Remove(JsonNode root, List<object> path)
    {
        var parent = Walk(root, path);
        switch (path[^1])
        {
            case string name:
                parent.AsObject().Remove(name);
                break;
            case int index:
                parent.AsArray().RemoveAt(index);
                break;
        }

        return root;
    }

    private static JsonNode Walk(JsonNode root, List<object> path)
    {
        var node = root;
        foreach (var step in path.Take(path.Count - 1))
        {
            node = step is string name ? node[name]! : node[(int)step]!;
        }

        return node;
    }

    private static string Serialize(JsonNode node)
    {
        var text = node.ToJsonString();
        for (var i = 0; i < RawValues.Length; i++)
        {
            text = text.Replace("\"\\u0001RAW" + i + "\\u0001\"", RawValues[i], StringComparison.Ordinal);
        }

        return text;
    }

    private static JsonObject CreditNote() => new()
    {
        ["reason"] = "Devolución de mercadería",
        ["lines"] = new JsonArray(new JsonObject { ["line"] = 1, ["quantity"] = 1 }, new JsonObject { ["line"] = 2, ["quantity"] = 0.5 }),
        ["idempotencyKey"] = null,
    };

    [Fact]
    public async Task Generated_bad_credit_note_bodies_never_get_a_5xx_and_a_refused_note_stores_nothing()
    {
        var app = await NewAppAsync(new Dictionary<string, string?> { ["Sri:SchemaDirectory"] = RutasPrueba.Esquemas, ["Sri:ProcessorEnabled"] = "false" });
        var admin = await app.CreateApiClientAsync(admin: true, name: "fuzz");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/settings/invoicing", InvoicingTests.SettingsBody(), Ct)).StatusCode);

        // A factura with plenty to credit, marked authorised (the processor is off); a new one when a variant credits all of it.
        async Task<Guid> AuthorisedAsync()
        {
            var sale = Invoice();
            sale["lines"]![0]!["quantity"] = 5000;
            sale["lines"]![0]!["unitPrice"] = 0.5;
            sale["lines"]![1]!["quantity"] = 5000;
            sale["lines"]![1]!["discount"] = 0;
            sale["payments"] = null;
            sale["paymentMethod"] = "20";
            using var created = await admin.PostAsJsonAsync("/api/v1/invoices", sale, Ct);
            Assert.True(created.StatusCode == HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync(Ct));
            var id = Guid.Parse((string)(await created.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!);
            await app.WithDbAsync(db => db.Invoices.Where(i => i.Id == id)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, Cartero.Features.Invoicing.InvoiceStatus.Autorizada), Ct));
            return id;
        }

        Task<(int Notes, int Lines, int Events)> NotesAsync() => app.WithDbAsync(async db =>
            (await db.CreditNotes.CountAsync(Ct), await db.Set<Cartero.Features.Invoicing.CreditNotes.CreditNoteLine>().CountAsync(Ct), await db.CreditNoteEvents.CountAsync(Ct)));

        var invoice = await AuthorisedAsync();
        using (var valid = await admin.PostAsJsonAsync($"/api/v1/invoices/{invoice}/credit-notes", CreditNote(), Ct))
        {
            Assert.True(valid.StatusCode == HttpStatusCode.Accepted, await valid.Content.ReadAsStringAsync(Ct));
        }

        var random = new Random(Seed);
        var failures = new List<string>();
        var (sent, accepted) = (0, 0);
        foreach (var variant in Variants(CreditNote(), random))
        {
            var before = await NotesAsync();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/invoices/{invoice}/credit-notes")
            {
                Content = new StringContent(variant, Encoding.UTF8, "application/json"),
            };
            using var response = await admin.SendAsync(request, Ct);
            sent++;
            var status = (int)response.StatusCode;
            var shown = variant.Length > 300 ? variant[..300] + "…" : variant;
            var text = await response.Content.ReadAsStringAsync(Ct);
            if (status >= 500)
            {
                failures.Add($"{status}: {shown}\n{text}");
            }
            else if (status >= 400)
            {
                if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Add($"{status} sin problem+json: {shown}");
                }

                if (await NotesAsync() != before)
                {
                    failures.Add($"{status} pero guardó filas: {shown}");
                }
            }
            else
            {
                accepted++;
                if (JsonNode.Parse(text)?["remainingOfInvoice"]?.GetValue<decimal>() is not > 0m)
                {
                    invoice = await AuthorisedAsync();
                }
            }
        }

        Assert.True(sent >= 200, $"solo {sent} variantes");
        Assert.True(accepted > 0, "ninguna variante se aceptó: el endpoint se rechazó entero");
        Assert.True(failures.Count == 0, $"{failures.Count} de {sent} variantes fallaron:\n" + string.Join("\n\n", failures.Take(25)));
    }

    [Fact]
    public async Task Generated_retry_requests_never_get_a_5xx_and_a_refused_retry_changes_nothing()
    {
        var app = await NewAppAsync();
        var client = await app.CreateApiClientAsync(name: "fuzz");
        var failed = await app.AddFailedEmailAsync("apikey:fuzz");
        var other = await app.AddFailedEmailAsync("otra.persona@optica.ec");
        var random = new Random(Seed);
        var ids = new[] { failed.ToString(), other.ToString(), Guid.Empty.ToString(), Guid.CreateVersion7().ToString(), failed.ToString("N"), failed.ToString().ToUpperInvariant() };
        var bodies = new[] { null, "", "{}", "null", "[]", "{\"id\":1e400}", "\"\\ud800\"", "{", new string('x', 70_000) };

        var failures = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            // Put both rows back to fallido now and then, so retries of a fallido row (202) and of a queued one (409) both happen.
            if (i % 25 == 0)
            {
                await app.WithDbAsync(db => db.Emails.ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, Cartero.Features.Sending.EmailStatus.Fallido), Ct));
            }

            var id = ids[random.Next(ids.Length)];
            var body = bodies[random.Next(bodies.Length)];
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/emails/{id}/retry")
            {
                Content = body is null ? null : new StringContent(body, Encoding.UTF8, random.Next(2) == 0 ? "application/json" : "text/plain"),
            };
            var before = await app.WithDbAsync(db => db.EmailEvents.CountAsync(Ct));
            using var response = await client.SendAsync(request, Ct);
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                failures.Add($"{id} {body?[..Math.Min(40, body.Length)]} → {status}: {await response.Content.ReadAsStringAsync(Ct)}");
            }
            else if (status >= 400)
            {
                if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Add($"{id} → {status} sin problem+json");
                }

                if (await app.WithDbAsync(db => db.EmailEvents.CountAsync(Ct)) != before)
                {
                    failures.Add($"{id} → {status} pero cambió el correo");
                }
            }
        }

        var own = await app.WithDbAsync(db => db.EmailEvents.CountAsync(e => e.EmailId == failed && e.Status == Cartero.Features.Sending.EmailStatus.EnCola, Ct));
        Assert.True(own > 1, "ningún reintento se aceptó");
        Assert.True(failures.Count == 0, $"{failures.Count} fallaron:\n" + string.Join("\n", failures.Take(25)));
    }

    private static Task<Counts> CountsAsync(CarteroAppFactory app) =>
        app.WithDbAsync(async db => new Counts(
            await db.Emails.CountAsync(Ct),
            await db.Invoices.CountAsync(Ct),
            await db.MailSettings.CountAsync(Ct),
            await db.InvoiceEvents.CountAsync(Ct),
            await db.InvoicingSettings.Select(s => s.Version).FirstOrDefaultAsync(Ct),
            await db.MailSettings.Select(s => s.Version).FirstOrDefaultAsync(Ct)));

    private sealed record Counts(int Emails, int Invoices, int Settings, int InvoiceEvents, int InvoicingVersion, int MailVersion);
}
