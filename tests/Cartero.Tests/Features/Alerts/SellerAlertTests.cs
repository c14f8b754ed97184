using System.Net;
using Cartero.Features.Sending;
using Cartero.Platform.Identity;
using Cartero.Tests.Features.Store;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Tests.Features.Alerts;

/// <summary>
/// A seller's failure warning: it links to the sale, which they can open, not to the send log, which they cannot; and it
/// says what happened in plain Spanish instead of the SMTP reply. Support keeps the technical detail.
/// </summary>
public sealed class SellerAlertTests() : AppTestBase(null)
{
    [Fact]
    public async Task A_seller_is_sent_to_the_sale_page_with_a_plain_reason_not_to_the_log_with_the_smtp_reply()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var app = await NewAppAsync(new Dictionary<string, string?> { ["Cartero:Worker:Enabled"] = "true", ["Cartero:Worker:PollInterval"] = "00:00:00.100" });
        await app.ConfigureSmtpAsync(smtp.Port);
        var seller = await StoreFixture.UserAsync(app, CarteroRoles.Vendedor, "ana@optica.ec");
        var customer = await StoreFixture.CustomerAsync(app, "rechazo550-jorge@correo.ec");
        var product = await StoreFixture.ProductAsync(app, "ARM-31", stock: 3, minimum: 0);
        var sale = await StoreFixture.SellAsync(app, seller, customer.Id, product.Id, mail: true);
        var failed = await Eventually.WaitForAsync(
            () => app.WithDbAsync(db => db.Emails.AsNoTracking().Where(e => e.EntityId == sale.Id.ToString()).Select(e => new { e.Id, e.Status, e.LastError }).SingleAsync(Ct)),
            e => e.Status == EmailStatus.Fallido, "el comprobante rechazado");
        Assert.Contains("550", failed.LastError, StringComparison.Ordinal);
        var session = await PanelSession.SignInAsync(app, CarteroRoles.Vendedor, "ana@optica.ec");

        var page = await session.GetStringAsync("/tienda/ventas");

        var warning = page[page.IndexOf("Un correo que usted pidió no se pudo enviar", StringComparison.Ordinal)..];
        warning = warning[..warning.IndexOf("</ul>", StringComparison.Ordinal)];
        Assert.Contains($"href=\"/tienda/ventas/{sale.Id}\"", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("/correos/", warning, StringComparison.Ordinal);
        Assert.Contains("El servidor de correo del cliente no acepta esa dirección", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(failed.LastError!), warning, StringComparison.Ordinal);
        Assert.DoesNotContain(failed.LastError!, warning, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync($"/tienda/ventas/{sale.Id}")).StatusCode);
    }
}
