using System.Diagnostics;
using System.Text;
using Cartero.Features.Invoicing;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Features.Store;
using Cartero.Platform.Auth;
using Cartero.Platform.Identity;
using Cartero.Tests.Features.Invoicing;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Cartero.Tests.Features.Store;

/// <summary>
/// The store's flows on both engines, ending at a real SMTP server: the counter's receipt or invoice mail, stock taken
/// with the sale and never below zero without the override, the stock alert once, the lens-order notice once.
/// </summary>
public abstract class StoreTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    protected static readonly Dictionary<string, string?> Worker = new()
    {
        ["Cartero:Worker:Enabled"] = "true",
        ["Cartero:Worker:PollInterval"] = "00:00:00.100",
        ["Cartero:Store:AdminAddress"] = "administracion@optica.ec",
    };

    [Fact]
    public async Task A_finished_sale_with_the_option_mails_a_receipt_that_says_it_is_not_an_invoice()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var app = await NewAppAsync(Worker);
        await app.ConfigureSmtpAsync(smtp.Port);
        var seller = await StoreFixture.UserAsync(app, CarteroRoles.Vendedor, "vendedora@optica.ec");
        var customer = await StoreFixture.CustomerAsync(app, "maria@correo.ec");
        var product = await StoreFixture.ProductAsync(app, "ARM-01", stock: 10, minimum: 2);

        var sale = await StoreFixture.SellAsync(app, seller, customer.Id, product.Id, quantity: 2, mail: true);

        Assert.Equal(46.00m, sale.Total); // 2 × 20.00 + 15 % IVA, computed by Cartero.Sri
        Assert.Equal(8, await app.WithDbAsync(db => db.Products.Where(p => p.Id == product.Id).Select(p => p.Stock).SingleAsync(Ct)));
        await Eventually.WaitForAsync(() => smtp.GetMessagesAsync(Ct), m => m.Count == 1, "el comprobante llega al servidor SMTP");
        var message = await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes((await smtp.GetMessagesAsync(Ct))[0].Raw)), Ct);
        Assert.Equal("maria@correo.ec", message.To.Mailboxes.Single().Address);
        Assert.Contains(sale.Number, message.Subject, StringComparison.Ordinal);
        var pdf = message.Attachments.OfType<MimePart>().Single(a => a.ContentType.MimeType == "application/pdf");
        using var bytes = new MemoryStream();
        await pdf.Content!.DecodeToAsync(bytes, Ct);
        Assert.Contains(ReceiptPdf.NotAnInvoice, PdfText(bytes.ToArray()), StringComparison.Ordinal);

        var email = await app.WithDbAsync(db => db.Emails.AsNoTracking().SingleAsync(Ct));
        Assert.Equal(("comprobante", "venta", sale.Id.ToString()), (email.Type, email.EntityType, email.EntityId));
        Assert.Equal((EmailOrigin.Manual, "vendedora@optica.ec"), (email.Origin, email.OriginatedBy));
        Assert.Equal(("cliente", customer.Id.ToString()), (email.RecipientKind, email.RecipientId));
        var state = await Eventually.WaitForAsync(() => StateAsync(app, sale.Id), s => s.Status == "enviado", "el estado del correo de la venta");
        Assert.True(state.Settled);
    }

    [Fact]
    public async Task With_invoicing_configured_the_sale_becomes_the_invoice_and_its_mail_goes_after_authorisation()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var sri = new SriScript();
        var settings = new Dictionary<string, string?>(Worker);
        foreach (var (k, v) in sri.Settings())
        {
            settings[k] = v;
        }

        var app = await NewAppAsync(settings);
        await app.ConfigureSmtpAsync(smtp.Port);
        var admin = await app.CreateApiClientAsync(admin: true);
        Assert.True((await System.Net.Http.Json.HttpClientJsonExtensions.PutAsJsonAsync(admin, "/api/v1/settings/invoicing", SqliteInvoicingTests.SettingsBody(), Ct)).IsSuccessStatusCode);
        var seller = await StoreFixture.UserAsync(app, CarteroRoles.Vendedor, "vendedor@optica.ec");
        var customer = await StoreFixture.CustomerAsync(app, "cliente@correo.ec");
        var product = await StoreFixture.ProductAsync(app, "LEN-01", stock: 5, minimum: 0);

        var sale = await StoreFixture.SellAsync(app, seller, customer.Id, product.Id, mail: true);

        Assert.NotNull(sale.InvoiceId);
        Assert.Null(sale.EmailId);
        var invoice = await app.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == sale.InvoiceId, Ct));
        Assert.Equal($"venta:{sale.Id}", invoice.ExternalReference);
        Assert.Equal(customer.Id.ToString(), invoice.CustomerId);
        await Eventually.WaitForAsync(() => smtp.GetMessagesAsync(Ct), m => m.Count == 1, "la factura autorizada llega al servidor SMTP");
        var email = await app.WithDbAsync(db => db.Emails.AsNoTracking().SingleAsync(Ct));
        Assert.Equal(("factura", "factura", invoice.Id.ToString()), (email.Type, email.EntityType, email.EntityId));
        Assert.Equal("cliente@correo.ec", email.ToAddress);
        Assert.Equal(customer.Id.ToString(), email.RecipientId);
        var state = await Eventually.WaitForAsync(() => StateAsync(app, sale.Id), s => s.Status == "enviado", "el estado del correo de la factura en la venta");
        Assert.Equal("factura", state.Kind);
    }

    [Fact]
    public async Task Stock_never_goes_negative_without_the_explicit_override_which_is_audited()
    {
        var app = await NewAppAsync();
        var seller = await StoreFixture.UserAsync(app, CarteroRoles.Vendedor, "vendedor@optica.ec");
        var product = await StoreFixture.ProductAsync(app, "SOL-01", stock: 1, minimum: 0, price: 8m);

        var refused = await Assert.ThrowsAsync<StoreValidationException>(() => StoreFixture.SellAsync(app, seller, null, product.Id, quantity: 2));

        Assert.Contains("Solo quedan 1 unidades", refused.Errors["lines[0].quantity"][0], StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Products.Where(p => p.Id == product.Id).Select(p => p.Stock).SingleAsync(Ct)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Sales.CountAsync(Ct)));

        var sale = await StoreFixture.SellAsync(app, seller, null, product.Id, quantity: 2, allowNegative: true);

        Assert.True(sale.StockOverride);
        Assert.Equal(-1, await app.WithDbAsync(db => db.Products.Where(p => p.Id == product.Id).Select(p => p.Stock).SingleAsync(Ct)));
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "venta.stock_negativo", Ct));
        Assert.Equal(("vendedor@optica.ec", $"venta:{sale.Id}"), (audit.Actor, audit.Target));
    }

    [Fact]
    public async Task The_stock_alert_goes_once_to_every_manager_and_the_admin_address_until_replenished()
    {
        var app = await NewAppAsync(new Dictionary<string, string?> { ["Cartero:Store:AdminAddress"] = "administracion@optica.ec" });
        var seller = await StoreFixture.UserAsync(app, CarteroRoles.Vendedor, "vendedor@optica.ec");
        await StoreFixture.UserAsync(app, CarteroRoles.Gerente, "gerente1@optica.ec");
        await StoreFixture.UserAsync(app, CarteroRoles.Gerente, "gerente2@optica.ec");
        var product = await StoreFixture.ProductAsync(app, "LC-30", stock: 5, minimum: 3, price: 5m);

        await StoreFixture.SellAsync(app, seller, null, product.Id); // 4: above the minimum
        Assert.Equal(0, await AlertsAsync(app));
        await StoreFixture.SellAsync(app, seller, null, product.Id); // 3: at the minimum
        await StoreFixture.SellAsync(app, seller, null, product.Id); // 2: still low, no second alert

        var alerts = await app.WithDbAsync(db => db.Emails.AsNoTracking().Where(e => e.Type == "alerta_stock").ToListAsync(Ct));
        Assert.Equal(["administracion@optica.ec", "gerente1@optica.ec", "gerente2@optica.ec"], alerts.Select(a => a.ToAddress).Order().ToArray());
        Assert.All(alerts, a => Assert.Equal(("producto", product.Id.ToString(), EmailOrigin.Automatic, StockAlertService.ProcessName),
            (a.EntityType, a.EntityId, a.Origin, a.OriginatedBy)));
        Assert.Contains("LC-30", alerts[0].Subject, StringComparison.Ordinal);

        Assert.True(await StoreFixture.WithAsync<ProductService, bool>(app, s => s.ReplenishAsync(product.Id, 10, new RequestActor("gerente1@optica.ec", null, false), Ct)));
        await StoreFixture.SellAsync(app, seller, null, product.Id, quantity: 8); // 12 → 4: above
        Assert.Equal(3, await AlertsAsync(app));
        await StoreFixture.SellAsync(app, seller, null, product.Id); // 3: fell again

        Assert.Equal(6, await AlertsAsync(app));
    }

    [Fact]
    public async Task A_lens_order_ready_mails_the_customer_once_unless_asked_again()
    {
        var app = await NewAppAsync();
        var seller = await StoreFixture.UserAsync(app, CarteroRoles.Vendedor, "vendedor@optica.ec");
        var customer = await StoreFixture.CustomerAsync(app, "paciente@correo.ec");
        var product = await StoreFixture.ProductAsync(app, "LEN-02", stock: 5, minimum: 0);
        var sale = await StoreFixture.SellAsync(app, seller, customer.Id, product.Id);
        var actor = new RequestActor("vendedor@optica.ec", null, false);
        var order = await StoreFixture.WithAsync<LensOrderService, LensOrder>(app, s => s.CreateAsync(sale.Id, "RX-2026-114", "Laboratorio Andino", null, actor, Ct));

        async Task MoveAsync(string to, bool resend = false) =>
            await StoreFixture.WithAsync<LensOrderService, LensOrder?>(app, s => s.MoveAsync(order.Id, to, actor, resend, Ct));

        await Assert.ThrowsAsync<StoreValidationException>(() => MoveAsync(LensOrderStatus.Entregado));
        await MoveAsync(LensOrderStatus.EnLaboratorio);
        await MoveAsync(LensOrderStatus.ListoParaRetirar);
        await MoveAsync(LensOrderStatus.ListoParaRetirar);

        var mails = await app.WithDbAsync(db => db.Emails.AsNoTracking().Where(e => e.Type == "pedido").ToListAsync(Ct));
        var mail = Assert.Single(mails);
        Assert.Equal(("pedido", order.Id.ToString(), EmailOrigin.Automatic, LensOrderService.ProcessName, "paciente@correo.ec"),
            (mail.EntityType, mail.EntityId, mail.Origin, mail.OriginatedBy, mail.ToAddress));
        Assert.Contains("listo para retirar", mail.Subject, StringComparison.Ordinal);

        await MoveAsync(LensOrderStatus.ListoParaRetirar, resend: true);
        Assert.Equal(2, await app.WithDbAsync(db => db.Emails.CountAsync(e => e.Type == "pedido", Ct)));
        await MoveAsync(LensOrderStatus.Entregado);
        var history = await app.WithDbAsync(db => db.LensOrderEvents.AsNoTracking().Where(e => e.OrderId == order.Id).OrderBy(e => e.Id).ToListAsync(Ct));
        Assert.Equal([LensOrderStatus.Registrado, LensOrderStatus.EnLaboratorio, LensOrderStatus.ListoParaRetirar, LensOrderStatus.ListoParaRetirar, LensOrderStatus.ListoParaRetirar, LensOrderStatus.Entregado],
            history.Select(h => h.Status).ToArray());
        Assert.All(history, h => Assert.Equal("vendedor@optica.ec", h.Actor));
    }

    [Fact]
    public async Task A_seller_sees_only_their_own_sales_mail()
    {
        var app = await NewAppAsync();
        var ana = await StoreFixture.UserAsync(app, CarteroRoles.Vendedor, "ana@optica.ec");
        var luis = await StoreFixture.UserAsync(app, CarteroRoles.Vendedor, "luis@optica.ec");
        var product = await StoreFixture.ProductAsync(app, "ARM-02", stock: 5, minimum: 0);
        var sale = await StoreFixture.SellAsync(app, ana, null, product.Id, mail: true, address: "quien@correo.ec");

        Assert.NotNull(await StoreFixture.WithAsync<SaleMailService, Sale?>(app, s => s.FindVisibleAsync(sale.Id, ana.UserId, seesAll: false, Ct)));
        Assert.Null(await StoreFixture.WithAsync<SaleMailService, Sale?>(app, s => s.FindVisibleAsync(sale.Id, luis.UserId, seesAll: false, Ct)));
        Assert.NotNull(await StoreFixture.WithAsync<SaleMailService, Sale?>(app, s => s.FindVisibleAsync(sale.Id, luis.UserId, seesAll: true, Ct)));
    }

    [Fact]
    public async Task Customers_are_checked_with_the_sri_rules_and_their_creation_and_edits_are_audited()
    {
        var app = await NewAppAsync();
        var actor = new RequestActor("vendedor@optica.ec", null, false);

        var bad = await Assert.ThrowsAsync<StoreValidationException>(() => StoreFixture.WithAsync<CustomerService, Customer>(app,
            s => s.CreateAsync(new CustomerInput("Juan", IdentificationTypes.Cedula, "12345", "no-es-correo", null, null), actor, Ct)));
        Assert.Contains("10 dígitos", bad.Errors["idNumber"][0], StringComparison.Ordinal);
        Assert.True(bad.Errors.ContainsKey("email"));
        var badRuc = await Assert.ThrowsAsync<StoreValidationException>(() => StoreFixture.WithAsync<CustomerService, Customer>(app,
            s => s.CreateAsync(new CustomerInput("Empresa", IdentificationTypes.Ruc, "1790012345000", null, null, null), actor, Ct)));
        Assert.Contains("001", badRuc.Errors["idNumber"][0], StringComparison.Ordinal);

        var customer = await StoreFixture.CustomerAsync(app, null);
        var duplicate = await Assert.ThrowsAsync<StoreValidationException>(() => StoreFixture.CustomerAsync(app, null));
        Assert.Contains("Ya hay un cliente", duplicate.Errors["idNumber"][0], StringComparison.Ordinal);
        await StoreFixture.WithAsync<CustomerService, Customer?>(app, s => s.UpdateAsync(customer.Id,
            new CustomerInput(customer.Names, customer.IdType, customer.IdNumber, "nuevo@correo.ec", customer.Phone, customer.Address), actor, Ct));

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Target == $"cliente:{customer.Id}").OrderBy(a => a.Id).ToListAsync(Ct));
        Assert.Equal(["cliente.crear", "cliente.editar"], audit.Select(a => a.Action).ToArray());
        Assert.Contains("correo", audit[1].Details, StringComparison.Ordinal);
        Assert.DoesNotContain("nuevo@correo.ec", audit[1].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_invoicing_the_receipt_names_the_brand_set_in_the_panel_and_without_one_the_configured_name()
    {
        var app = await NewAppAsync(new Dictionary<string, string?> { ["Cartero:Store:BusinessName"] = "Óptica Configurada" });
        var seller = await StoreFixture.UserAsync(app, CarteroRoles.Vendedor, "vendedora@optica.ec");
        var customer = await StoreFixture.CustomerAsync(app, "maria@correo.ec");
        var product = await StoreFixture.ProductAsync(app, "ARM-07", stock: 10, minimum: 0);

        var before = await StoreFixture.SellAsync(app, seller, customer.Id, product.Id, mail: true);
        var brand = app.Services.GetRequiredService<Cartero.Features.Templates.BusinessBrand>();
        Assert.Null(await brand.SetAsync("Óptica Visión Clara", "admin@optica.ec", null, Ct));
        var after = await StoreFixture.SellAsync(app, seller, customer.Id, product.Id, mail: true);

        var subjects = await app.WithDbAsync(db => db.Emails.AsNoTracking().Where(e => e.Type == "comprobante")
            .ToDictionaryAsync(e => e.EntityId!, e => e.Subject, Ct));
        Assert.EndsWith("de Óptica Configurada", subjects[before.Id.ToString()], StringComparison.Ordinal);
        Assert.EndsWith("de Óptica Visión Clara", subjects[after.Id.ToString()], StringComparison.Ordinal);
        var receipt = await StoreFixture.WithAsync<CustomerDocuments, (string Number, byte[] Pdf)?>(app, d => d.ReceiptAsync(customer.Id.ToString(), after.Id, Ct));
        Assert.Contains("Óptica Visión Clara", PdfText(receipt!.Value.Pdf), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lens_order_page_names_states_and_buttons_as_the_label_catalogue_does()
    {
        var app = await NewAppAsync();
        var seller = await StoreFixture.UserAsync(app, CarteroRoles.Vendedor, "vendedor@optica.ec");
        var customer = await StoreFixture.CustomerAsync(app, "paciente@correo.ec");
        var product = await StoreFixture.ProductAsync(app, "LEN-03", stock: 5, minimum: 0);
        var sale = await StoreFixture.SellAsync(app, seller, customer.Id, product.Id);
        var actor = new RequestActor("vendedor@optica.ec", null, false);
        await StoreFixture.WithAsync<LensOrderService, LensOrder>(app, s => s.CreateAsync(sale.Id, "RX-2026-200", "Laboratorio Andino", null, actor, Ct));
        var session = await PanelSession.SignInAsync(app, CarteroRoles.Vendedor, "otra.vendedora@optica.ec");

        var html = System.Net.WebUtility.HtmlDecode(await session.GetStringAsync("/tienda/pedidos"));

        Assert.Contains($">{Cartero.Platform.Web.CodeLabels.LensOrderState(LensOrderStatus.EnLaboratorio)}</button>", html, StringComparison.Ordinal);
        Assert.Contains(">En el laboratorio</button>", html, StringComparison.Ordinal);
        Assert.Contains(">Cancelado</button>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">en el laboratorio</button>", html, StringComparison.Ordinal);
    }

    protected static Task<int> AlertsAsync(CarteroAppFactory app) => app.WithDbAsync(db => db.Emails.CountAsync(e => e.Type == "alerta_stock", Ct));

    private static async Task<SaleMailState> StateAsync(CarteroAppFactory app, Guid saleId) =>
        await StoreFixture.WithAsync<SaleMailService, SaleMailState>(app, async s => await s.StateAsync((await s.FindVisibleAsync(saleId, Guid.Empty, true, Ct))!, Ct));

    private static string PdfText(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cartero-recibo-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}

public sealed class SqliteStoreTests() : StoreTests(null);

public sealed class PostgresStoreTests(PostgresCluster postgres) : StoreTests(postgres)
{
    [Fact]
    public async Task Twenty_concurrent_sales_send_the_stock_alert_once()
    {
        var app = await NewAppAsync(new Dictionary<string, string?> { ["Cartero:Store:AdminAddress"] = "administracion@optica.ec" });
        await StoreFixture.UserAsync(app, CarteroRoles.Gerente, "gerente@optica.ec");
        var sellers = new List<Seller>();
        for (var i = 0; i < 20; i++)
        {
            sellers.Add(await StoreFixture.UserAsync(app, CarteroRoles.Vendedor, $"vendedor{i}@optica.ec"));
        }

        // 30 in stock, minimum 20: the tenth sale reaches the minimum and the next ten stay below it.
        var product = await StoreFixture.ProductAsync(app, "ARM-99", stock: 30, minimum: 20, price: 10m);
        using var start = new SemaphoreSlim(0, 20);
        var sales = sellers.Select(s => Task.Run(async () =>
        {
            await start.WaitAsync(Ct);
            return await StoreFixture.SellAsync(app, s, null, product.Id);
        }, Ct)).ToList();
        start.Release(20);
        await Task.WhenAll(sales);

        Assert.Equal(10, await app.WithDbAsync(db => db.Products.Where(p => p.Id == product.Id).Select(p => p.Stock).SingleAsync(Ct)));
        var alerts = await app.WithDbAsync(db => db.Emails.AsNoTracking().Where(e => e.Type == "alerta_stock").Select(e => e.ToAddress).ToListAsync(Ct));
        Assert.Equal(["administracion@optica.ec", "gerente@optica.ec"], alerts.Order().ToArray());
    }

    [Fact]
    public async Task Concurrent_sales_of_the_same_products_listed_in_opposite_orders_all_finish()
    {
        var app = await NewAppAsync();
        var seller = await StoreFixture.UserAsync(app, CarteroRoles.Vendedor, "vendedor@optica.ec");
        var a = await StoreFixture.ProductAsync(app, "ARM-A", stock: 100, minimum: 0);
        var b = await StoreFixture.ProductAsync(app, "ARM-B", stock: 100, minimum: 0);
        using var start = new SemaphoreSlim(0, 20);
        var sales = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync(Ct);
            SaleLineRequest[] lines = i % 2 == 0 ? [new(a.Id, 1), new(b.Id, 1)] : [new(b.Id, 1), new(a.Id, 1)];
            return await StoreFixture.WithAsync<SaleService, Sale>(app, s => s.FinishAsync(new SaleRequest(null, lines), seller, Ct));
        }, Ct)).ToList();
        start.Release(20);
        await Task.WhenAll(sales);

        var stock = await app.WithDbAsync(db => db.Products.OrderBy(p => p.Code).Select(p => p.Stock).ToListAsync(Ct));
        Assert.Equal([80, 80], stock);
    }
}

