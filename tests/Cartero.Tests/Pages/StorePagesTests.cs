using System.Net;
using System.Text.Json;
using Cartero.Features.Store;
using Cartero.Platform.Identity;
using Cartero.Tests.Features.Store;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Tests.Pages;

/// <summary>The counter's pages: a seller finishes a sale with the mail option and reads its state; another seller cannot reach it.</summary>
public sealed class StorePagesTests : IAsyncLifetime
{
    private readonly CarteroAppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_seller_finishes_a_sale_with_the_mail_option_and_sees_its_state()
    {
        var customer = await StoreFixture.CustomerAsync(_app, "cliente@correo.ec");
        var product = await StoreFixture.ProductAsync(_app, "ARM-10", stock: 3, minimum: 0);
        var seller = await PanelSession.SignInAsync(_app, CarteroRoles.Vendedor, "ana@optica.ec");

        var form = await seller.GetStringAsync($"/tienda/ventas/nueva?cliente={customer.Id}");
        Assert.Contains("Enviar comprobante por correo al cliente", form, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.SendMail\" value=\"true\" checked=\"checked\"", form, StringComparison.Ordinal);
        var response = await seller.PostFormAsync($"/tienda/ventas/nueva?cliente={customer.Id}", new()
        {
            ["Input.CustomerId"] = customer.Id.ToString(),
            ["Input.Lines[0].ProductId"] = product.Id.ToString(),
            ["Input.Lines[0].Quantity"] = "1",
            ["Input.PaymentMethod"] = "19",
            ["Input.SendMail"] = "true",
            ["Input.MailAddress"] = "corregido@correo.ec",
            ["Input.SaveAddress"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = response.Headers.Location!.ToString();
        var detail = await seller.GetStringAsync(page);
        // The state in the words of the one catalogue every page uses (CodeLabels), not a wording of its own.
        Assert.Contains("id=\"estado-correo-texto\">En cola</span>", detail, StringComparison.Ordinal);
        Assert.Contains("corregido@correo.ec", detail, StringComparison.Ordinal);
        using var state = JsonDocument.Parse(await seller.GetStringAsync(page + "?handler=Estado"));
        Assert.Equal("en_cola", state.RootElement.GetProperty("status").GetString());
        Assert.Equal("comprobante", state.RootElement.GetProperty("kind").GetString());
        // The corrected address was saved to the customer, and the edit audited.
        Assert.Equal("corregido@correo.ec", (await StoreFixture.WithAsync<CustomerService, Customer?>(_app, s => s.FindAsync(customer.Id, Ct)))!.Email);
        Assert.True(await _app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "cliente.editar" && a.Actor == "ana@optica.ec", Ct)));

        var mine = await seller.GetStringAsync("/tienda/ventas");
        Assert.Contains("<span class=\"estado\">En cola</span>", mine, StringComparison.Ordinal);
        Assert.Contains("María José Pérez", mine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_seller_cannot_see_or_retry_another_sellers_sale_mail()
    {
        var product = await StoreFixture.ProductAsync(_app, "ARM-11", stock: 3, minimum: 0);
        var ana = await StoreFixture.UserAsync(_app, CarteroRoles.Vendedor, "ana@optica.ec");
        var sale = await StoreFixture.SellAsync(_app, ana, null, product.Id, mail: true, address: "alguien@correo.ec");
        var luis = await PanelSession.SignInAsync(_app, CarteroRoles.Vendedor, "luis@optica.ec");

        Assert.Equal(HttpStatusCode.NotFound, (await luis.GetAsync($"/tienda/ventas/{sale.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await luis.GetAsync($"/tienda/ventas/{sale.Id}?handler=Estado")).StatusCode);
        var retry = await luis.PostFormAsync("/tienda/ventas", [], $"/tienda/ventas/{sale.Id}?handler=Reintentar");
        Assert.Equal(HttpStatusCode.NotFound, retry.StatusCode);
        var resend = await luis.PostFormAsync("/tienda/ventas", new() { ["Address"] = "otro@correo.ec" }, $"/tienda/ventas/{sale.Id}?handler=Corregir");
        Assert.Equal(HttpStatusCode.NotFound, resend.StatusCode);
        Assert.DoesNotContain(sale.Number, await luis.GetStringAsync("/tienda/ventas"), StringComparison.Ordinal);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Emails.CountAsync(Ct)));

        var manager = await PanelSession.SignInAsync(_app, CarteroRoles.Gerente);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/tienda/ventas/{sale.Id}")).StatusCode);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
