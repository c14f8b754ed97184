using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;

namespace Cartero.Tests.Pages;

/// <summary><c>/correos</c>: free text also finds the recipient's display name; an inverted date range is a Spanish field error, not an empty list.</summary>
public abstract class EmailSearchTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    private static async Task EnqueueAsync(CarteroAppFactory app, string address, string? name, string subject)
    {
        var client = await app.CreateApiClientAsync(name: "erp-" + Guid.NewGuid().ToString("N")[..6]);
        var response = await client.PostAsJsonAsync("/api/v1/emails", new JsonObject
        {
            ["type"] = "pedido",
            ["to"] = new JsonObject { ["address"] = address, ["name"] = name },
            ["subject"] = subject,
            ["text"] = "Texto",
        }, Ct);
        response.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Free_text_finds_the_recipients_name()
    {
        var app = await NewAppAsync();
        await EnqueueAsync(app, "mp1985@correo.ec", "Mariana Paredes", "Su pedido está listo");
        await EnqueueAsync(app, "luis@correo.ec", "Luis Andrade", "Su pedido está listo");
        var soporte = await PanelSession.SignInAsync(app, CarteroRoles.Soporte);

        var page = await soporte.GetStringAsync("/correos?texto=paredes");

        Assert.Contains("<strong>1</strong> correo coincide", page);
        Assert.Contains("mp1985@correo.ec", page);
        Assert.DoesNotContain("luis@correo.ec", page);
    }

    [Fact]
    public async Task An_inverted_date_range_says_so_beside_the_field()
    {
        var app = await NewAppAsync();
        await EnqueueAsync(app, "ana@correo.ec", null, "Uno");
        var soporte = await PanelSession.SignInAsync(app, CarteroRoles.Soporte);

        var page = await soporte.GetStringAsync("/correos?desde=2026-11-05&hasta=2026-11-01");

        Assert.Contains("<span id=\"error-rango\" class=\"error-campo\">La fecha «desde» (2026-11-05) es posterior a «hasta» (2026-11-01)", page);
        Assert.Contains("aria-invalid=\"true\"", page);
        Assert.DoesNotContain("No hay correos que coincidan", page);
        Assert.DoesNotContain("correos coinciden", page);
        // The same day on both ends is a valid range.
        Assert.DoesNotContain("error-rango", await soporte.GetStringAsync("/correos?desde=2026-11-05&hasta=2026-11-05"));
    }
}

public sealed class SqliteEmailSearchTests() : EmailSearchTests(null);

public sealed class PostgresEmailSearchTests(PostgresCluster postgres) : EmailSearchTests(postgres);
