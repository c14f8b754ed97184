using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Tests.Features.Alerts;

/// <summary>
/// A failure because the address is on the suppression list: support and admins get the link to the list, which they can
/// open; a seller cannot open it, so their hint has no link and tells them to ask support.
/// </summary>
public sealed class SuppressionHintTests() : AppTestBase(null)
{
    [Fact]
    public async Task A_seller_is_told_to_ask_support_without_a_link_they_cannot_open()
    {
        var app = await NewAppAsync();
        await SuppressedFailureAsync(app, "ana@optica.ec");
        var seller = await PanelSession.SignInAsync(app, CarteroRoles.Vendedor, "ana@optica.ec");

        var warning = Warning(await seller.GetStringAsync("/tienda/ventas"));

        Assert.DoesNotContain("/supresiones", warning, StringComparison.Ordinal);
        Assert.Contains("pida a soporte", warning, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, await StatusOfAsync(seller, "/supresiones"));
    }

    [Theory]
    [InlineData(CarteroRoles.Soporte)]
    [InlineData(CarteroRoles.Admin)]
    public async Task Support_and_admins_keep_the_link_to_the_list(string role)
    {
        var app = await NewAppAsync();
        var email = $"{role}@optica.ec";
        await SuppressedFailureAsync(app, email);
        var session = await PanelSession.SignInAsync(app, role, email);

        var warning = Warning(await session.GetStringAsync("/correos"));

        Assert.Contains("href=\"/supresiones\"", warning, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, await StatusOfAsync(session, "/supresiones"));
    }

    private static async Task<System.Net.HttpStatusCode> StatusOfAsync(PanelSession session, string path)
    {
        var response = await session.GetAsync(path);
        // Access denied is a redirect to the denial page.
        return response.StatusCode == System.Net.HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("denegado", StringComparison.OrdinalIgnoreCase) == true
            ? System.Net.HttpStatusCode.Forbidden
            : response.StatusCode;
    }

    private static string Warning(string page)
    {
        var start = page.IndexOf("Un correo que usted pidió no se pudo enviar", StringComparison.Ordinal);
        Assert.True(start >= 0, "falta el aviso de fallo");
        var warning = page[start..];
        return warning[..warning.IndexOf("</ul>", StringComparison.Ordinal)];
    }

    private static async Task SuppressedFailureAsync(CarteroAppFactory app, string originatedBy)
    {
        var id = await app.AddFailedEmailAsync(originatedBy);
        await app.WithDbAsync(db => db.Emails.Where(e => e.Id == id).ExecuteUpdateAsync(
            s => s.SetProperty(e => e.LastError, "Dirección suprimida: rebote permanente").SetProperty(e => e.LastAttemptAt, DateTime.UtcNow), Ct));
    }
}
