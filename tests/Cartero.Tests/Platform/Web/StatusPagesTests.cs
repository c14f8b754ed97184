using System.Net;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;

namespace Cartero.Tests.Platform.Web;

/// <summary>404, 403 and 429 of the panel are Spanish pages in the layout; the API keeps problem+json.</summary>
public sealed class StatusPagesTests() : AppTestBase(null)
{
    [Fact]
    public async Task A_missing_page_and_a_refused_action_are_spanish_pages_in_the_layout_and_the_api_keeps_problem_json()
    {
        var app = await NewAppAsync();
        var gerente = await PanelSession.SignInAsync(app, CarteroRoles.Gerente);

        var missing = await gerente.GetAsync("/no-existe-esta-pagina");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var notFound = await missing.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Página no encontrada", notFound);
        Assert.Contains("<nav aria-label=\"Principal\">", notFound);
        Assert.Contains("css/cartero.css", notFound);

        var refused = await gerente.PostFormAsync("/configuracion/correo", new() { ["TestTo"] = "x@optica.ec" }, "/configuracion/correo?handler=Probar");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var denied = await gerente.GetAsync(refused.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        var deniedPage = await denied.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Acceso denegado", deniedPage);
        Assert.Contains("pida a un administrador", deniedPage);
        Assert.Contains("<nav aria-label=\"Principal\">", deniedPage);

        var api = await app.CreateApiClientAsync();
        var apiMissing = await api.GetAsync("/api/v1/no-existe", Ct);
        Assert.Equal(HttpStatusCode.NotFound, apiMissing.StatusCode);
        Assert.Equal("application/problem+json", apiMissing.Content.Headers.ContentType?.MediaType);
    }
}
