using System.Net;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;

namespace Cartero.Tests.Pages;

/// <summary>Role × page → allowed, sent to sign in, or denied: enforced on the server for every page.</summary>
public sealed class PanelAuthorizationMatrixTests : IAsyncLifetime
{
    private readonly CarteroAppFactory _app = new();

    public static TheoryData<string?, string, string> Matrix()
    {
        var data = new TheoryData<string?, string, string>();
        string[] logPages = ["/correos", "/correos?estado=fallido"];
        foreach (var page in logPages)
        {
            data.Add(null, page, "ingresar");
            data.Add(CarteroRoles.Admin, page, "ok");
            data.Add(CarteroRoles.Gerente, page, "ok");
            data.Add(CarteroRoles.Soporte, page, "ok");
            data.Add(CarteroRoles.Vendedor, page, "denegado");
            data.Add(CarteroRoles.Optometrista, page, "denegado");
            data.Add(CarteroRoles.Cliente, page, "denegado");
        }

        data.Add(null, "/estadisticas", "ingresar");
        data.Add(CarteroRoles.Admin, "/estadisticas", "ok");
        data.Add(CarteroRoles.Gerente, "/estadisticas", "ok");
        data.Add(CarteroRoles.Soporte, "/estadisticas", "denegado");
        data.Add(CarteroRoles.Vendedor, "/estadisticas", "denegado");
        data.Add(CarteroRoles.Cliente, "/estadisticas", "denegado");
        var adminPages = new Dictionary<string, string[]>
        {
            ["/configuracion/correo"] = [CarteroRoles.Admin, CarteroRoles.Soporte, CarteroRoles.Gerente],
            ["/configuracion/marca"] = [CarteroRoles.Admin],
            ["/configuracion/facturacion"] = [CarteroRoles.Admin],
            ["/facturas"] = [CarteroRoles.Admin, CarteroRoles.Gerente, CarteroRoles.Soporte],
            ["/facturas/sin-entregar"] = [CarteroRoles.Admin],
            ["/auditoria"] = [CarteroRoles.Admin, CarteroRoles.Soporte],
            ["/usuarios"] = [CarteroRoles.Admin],
            ["/claves-api"] = [CarteroRoles.Admin],
            ["/tienda/clientes"] = [CarteroRoles.Admin, CarteroRoles.Gerente, CarteroRoles.Vendedor],
            ["/tienda/ventas"] = [CarteroRoles.Admin, CarteroRoles.Gerente, CarteroRoles.Vendedor],
            ["/tienda/ventas/nueva"] = [CarteroRoles.Admin, CarteroRoles.Gerente, CarteroRoles.Vendedor],
            ["/tienda/pedidos"] = [CarteroRoles.Admin, CarteroRoles.Gerente, CarteroRoles.Vendedor],
            ["/tienda/productos"] = [CarteroRoles.Admin, CarteroRoles.Gerente],
            ["/tienda/avisos"] = [CarteroRoles.Admin, CarteroRoles.Gerente],
            ["/retencion"] = [CarteroRoles.Admin],
            ["/clinica"] = [CarteroRoles.Admin, CarteroRoles.Optometrista],
        };
        foreach (var (page, allowed) in adminPages)
        {
            data.Add(null, page, "ingresar");
            foreach (var role in CarteroRoles.All)
            {
                data.Add(role, page, allowed.Contains(role) ? "ok" : "denegado");
            }
        }

        data.Add(null, "/mis-correos", "ingresar");
        data.Add(CarteroRoles.Cliente, "/mis-correos", "ok");
        data.Add(CarteroRoles.Admin, "/mis-correos", "denegado");
        data.Add(CarteroRoles.Vendedor, "/mis-correos", "denegado");
        data.Add(null, "/mis-datos", "ingresar");
        data.Add(CarteroRoles.Cliente, "/mis-datos", "ok");
        data.Add(CarteroRoles.Admin, "/mis-datos", "denegado");
        data.Add(CarteroRoles.Vendedor, "/mis-datos", "denegado");
        // Only an admin hands over a customer's data (the page itself answers 404 for an unknown customer).
        var customerData = $"/tienda/clientes/{Guid.CreateVersion7()}/datos";
        data.Add(null, customerData, "ingresar");
        foreach (var role in CarteroRoles.All.Where(r => r != CarteroRoles.Admin))
        {
            data.Add(role, customerData, "denegado");
        }

        data.Add(null, "/", "ingresar");
        data.Add(CarteroRoles.Vendedor, "/", "ok");
        data.Add(null, "/cuenta/ingresar", "ok");
        data.Add(null, "/cuenta/recuperar", "ok");
        data.Add(null, "/cuenta/recuperar/enviado", "ok");
        data.Add(null, "/cuenta/restablecer", "ok");
        data.Add(null, "/configuracion-inicial", "ok");
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_reaches_only_its_pages(string? role, string path, string expected)
    {
        var session = role is null ? PanelSession.Anonymous(_app) : await PanelSession.SignInAsync(_app, role);

        var response = await session.GetAsync(path);

        switch (expected)
        {
            case "ok":
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                break;
            case "ingresar":
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("http://localhost/cuenta/ingresar", response.Headers.Location!.ToString());
                break;
            default:
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("http://localhost/cuenta/acceso-denegado", response.Headers.Location!.ToString());
                break;
        }
    }

    [Fact]
    public async Task The_api_answers_401_not_a_redirect_to_anonymous_browsers()
    {
        var response = await PanelSession.Anonymous(_app).GetAsync("/api/v1/emails");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
