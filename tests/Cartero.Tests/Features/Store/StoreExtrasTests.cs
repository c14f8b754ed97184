using System.Net;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Features.Store;
using Cartero.Platform.Auth;
using Cartero.Platform.Cli;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Tests.Features.Store;

/// <summary>
/// A rejected receipt corrected and resent through the real SMTP server, administrative notices (one row per person),
/// the customer's own documents with "Reenviarme", and the demo data that only fills an empty database.
/// </summary>
public sealed class StoreExtrasTests() : AppTestBase(null)
{
    [Fact]
    public async Task A_receipt_the_server_rejects_is_explained_and_corrected_and_resent_to_the_customer()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var app = await NewAppAsync(new Dictionary<string, string?> { ["Cartero:Worker:Enabled"] = "true", ["Cartero:Worker:PollInterval"] = "00:00:00.100" });
        await app.ConfigureSmtpAsync(smtp.Port);
        var seller = await StoreFixture.UserAsync(app, CarteroRoles.Vendedor, "ana@optica.ec");
        var customer = await StoreFixture.CustomerAsync(app, "rechazo550-jorge@correo.ec");
        var product = await StoreFixture.ProductAsync(app, "ARM-20", stock: 3, minimum: 0);
        var session = await PanelSession.SignInAsync(app, CarteroRoles.Vendedor, "ana@optica.ec");
        var sale = await StoreFixture.SellAsync(app, seller, customer.Id, product.Id, mail: true);

        await Eventually.WaitForAsync(async () => await session.GetStringAsync($"/tienda/ventas/{sale.Id}?handler=Estado"), s => s.Contains("\"fallido\"", StringComparison.Ordinal), "el comprobante rechazado");
        var page = await session.GetStringAsync($"/tienda/ventas/{sale.Id}");
        var reason = page[page.IndexOf("id=\"motivo-correo\"", StringComparison.Ordinal)..];
        Assert.StartsWith("id=\"motivo-correo\" class=\"alerta\">El servidor de correo del cliente no acepta esa dirección", reason, StringComparison.Ordinal);
        var response = await session.PostFormAsync($"/tienda/ventas/{sale.Id}", new() { ["Address"] = "jorge@correo.ec", ["SaveToCustomer"] = "true" }, $"/tienda/ventas/{sale.Id}?handler=Corregir");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await Eventually.WaitForAsync(() => smtp.GetMessagesAsync(Ct), m => m.Count == 1, "el comprobante reenviado llega");
        Assert.Equal("jorge@correo.ec", (await StoreFixture.WithAsync<CustomerService, Customer?>(app, s => s.FindAsync(customer.Id, Ct)))!.Email);
        var emails = await app.WithDbAsync(db => db.Emails.AsNoTracking().Where(e => e.EntityType == "venta" && e.EntityId == sale.Id.ToString()).OrderBy(e => e.Id).ToListAsync(Ct));
        Assert.Equal([EmailStatus.Fallido, EmailStatus.Enviado], await Eventually.WaitForAsync(
            async () => (await app.WithDbAsync(db => db.Emails.AsNoTracking().Where(e => e.EntityId == sale.Id.ToString()).OrderBy(e => e.Id).Select(e => e.Status).ToListAsync(Ct))).ToArray(),
            s => s.Length == 2 && s[1] == EmailStatus.Enviado, "el segundo correo enviado"));
        Assert.All(emails, e => Assert.Equal(("ana@optica.ec", EmailOrigin.Manual), (e.OriginatedBy, e.Origin)));
    }

    [Fact]
    public async Task An_administrative_notice_is_one_log_row_per_active_employee_of_the_chosen_roles()
    {
        var app = await NewAppAsync();
        await StoreFixture.UserAsync(app, CarteroRoles.Vendedor, "v1@optica.ec");
        await StoreFixture.UserAsync(app, CarteroRoles.Vendedor, "v2@optica.ec");
        await StoreFixture.UserAsync(app, CarteroRoles.Optometrista, "o1@optica.ec");
        await StoreFixture.UserAsync(app, CarteroRoles.Cliente, "cliente@correo.ec");
        var manager = await PanelSession.SignInAsync(app, CarteroRoles.Gerente, "gerente@optica.ec");

        var preview = await manager.PostFormAsync("/tienda/avisos", new() { ["Roles"] = "vendedor", ["Title"] = "Inventario", ["Body"] = "El sábado cerramos a las 13:00." }, "/tienda/avisos?handler=Vista");
        Assert.Contains("llegará a <strong>2</strong> personas", await preview.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Emails.CountAsync(Ct)));
        var sent = await manager.PostFormAsync("/tienda/avisos", new() { ["Roles"] = "vendedor", ["Title"] = "Inventario", ["Body"] = "El sábado cerramos a las 13:00." }, "/tienda/avisos?handler=Enviar");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var rows = await app.WithDbAsync(db => db.Emails.AsNoTracking().ToListAsync(Ct));
        Assert.Equal(["v1@optica.ec", "v2@optica.ec"], rows.Select(r => r.ToAddress).Order().ToArray());
        Assert.All(rows, r => Assert.Equal(("aviso_administrativo", EmailOrigin.Manual, "gerente@optica.ec", "empleado", "Inventario"), (r.Type, r.Origin, r.OriginatedBy, r.RecipientKind, r.Subject)));
    }

    [Fact]
    public async Task A_customer_downloads_and_resends_their_own_receipt_only_and_not_too_often()
    {
        var app = await NewAppAsync(new Dictionary<string, string?> { ["Cartero:Store:ResendsPerHour"] = "1" });
        var seller = await StoreFixture.UserAsync(app, CarteroRoles.Vendedor, "ana@optica.ec");
        var maria = await StoreFixture.CustomerAsync(app, "maria@correo.ec");
        var otro = await StoreFixture.CustomerAsync(app, "otro@correo.ec", idNumber: "1710034065");
        var product = await StoreFixture.ProductAsync(app, "SOL-09", stock: 10, minimum: 0, price: 5m);
        var mine = await StoreFixture.SellAsync(app, seller, maria.Id, product.Id, mail: true);
        var theirs = await StoreFixture.SellAsync(app, seller, otro.Id, product.Id, mail: true);
        var session = await PanelSession.SignInAsync(app, CarteroRoles.Cliente, "maria@correo.ec", customerId: maria.Id.ToString());

        var page = await session.GetStringAsync("/mis-correos");
        Assert.Contains(mine.Number, page, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Number, page, StringComparison.Ordinal);
        var pdf = await session.GetAsync($"/mis-correos?handler=Recibo&id={mine.Id}");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/mis-correos?handler=Recibo&id={theirs.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/mis-correos?handler=Ride&id={theirs.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.PostFormAsync("/mis-correos", new() { ["kind"] = "comprobante" }, $"/mis-correos?handler=Reenviarme&id={theirs.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync("/mis-correos", new() { ["kind"] = "comprobante" }, $"/mis-correos?handler=Reenviarme&id={mine.Id}")).StatusCode);
        var again = await session.PostFormAsync("/mis-correos", new() { ["kind"] = "comprobante" }, $"/mis-correos?handler=Reenviarme&id={mine.Id}");

        Assert.Contains("espere un momento", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var resent = await app.WithDbAsync(db => db.Emails.AsNoTracking().Where(e => e.OriginatedBy == "maria@correo.ec").ToListAsync(Ct));
        var row = Assert.Single(resent);
        Assert.Equal(("comprobante", "venta", mine.Id.ToString(), EmailOrigin.Manual, "maria@correo.ec"), (row.Type, row.EntityType, row.EntityId, row.Origin, row.ToAddress));
    }

    [Fact]
    public async Task Demo_seed_fills_an_empty_database_once_and_refuses_afterwards()
    {
        var app = await NewAppAsync();
        var output = new StringWriter();

        Assert.Equal(0, await CliModule.RunAsync(app.Services, ["demo", "seed"], output, new StringWriter()));

        var printed = output.ToString();
        foreach (var role in CarteroRoles.All)
        {
            Assert.Contains($"  {role}", printed, StringComparison.Ordinal);
        }

        Assert.Equal(5, await app.WithDbAsync(db => db.Sales.CountAsync(Ct)));
        var orderStates = await app.WithDbAsync(db => db.LensOrders.Select(o => o.Status).Distinct().ToListAsync(Ct));
        Assert.Equal(LensOrderStatus.All.Order(), orderStates.Order());
        Assert.True(await app.WithDbAsync(db => db.Emails.AnyAsync(e => e.Type == "alerta_stock", Ct)));
        Assert.True(await app.WithDbAsync(db => db.Customers.AnyAsync(c => c.Email == DemoSeedVerb.RejectedAddress, Ct)));
        var error = new StringWriter();
        Assert.Equal(1, await CliModule.RunAsync(app.Services, ["demo", "seed"], new StringWriter(), error));
        Assert.Contains("ya tiene datos", error.ToString(), StringComparison.Ordinal);
    }
}
