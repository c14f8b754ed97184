using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Tests.Features.Invoicing;

/// <summary>The invoice API checks its idempotency key like the email API: a 400 naming the field, before anything else.</summary>
public abstract class InvoiceIdempotencyKeyTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    public static TheoryData<string> BadKeys => new() { "", new string('k', 201), "venta\n1001", "venta\u00071001" };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task A_bad_idempotency_key_is_a_400_naming_the_field(string key)
    {
        var app = await NewAppAsync();
        var erp = await app.CreateApiClientAsync();
        var body = new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject { ["description"] = "Examen visual", ["quantity"] = 1, ["unitPrice"] = 15, ["tax"] = "iva0" }),
            ["idempotencyKey"] = key,
        };

        var response = await erp.PostAsJsonAsync("/api/v1/invoices", body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!.AsObject();
        Assert.Contains("clave de idempotencia", (string)errors["idempotencyKey"]![0]!);
        Assert.Equal(0, await app.WithDbAsync(db => db.Invoices.CountAsync(Ct)));
    }
}

public sealed class SqliteInvoiceIdempotencyKeyTests() : InvoiceIdempotencyKeyTests(null);

public sealed class PostgresInvoiceIdempotencyKeyTests(PostgresCluster postgres) : InvoiceIdempotencyKeyTests(postgres);
