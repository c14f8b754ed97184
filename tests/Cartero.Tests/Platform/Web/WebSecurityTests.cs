using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cartero.Features.Invoicing;
using Cartero.Platform.Identity;
using Cartero.Platform.Web;
using Cartero.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Platform.Web;

/// <summary>
/// Response headers on every kind of answer, pages without inline script, event handlers or inline style (so the
/// policy needs no 'unsafe-inline'), Secure cookies and HSTS over HTTPS, and the reverse-proxy settings.
/// </summary>
public sealed partial class WebSecurityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void AssertSecurityHeaders(HttpResponseMessage response, string what)
    {
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        foreach (var directive in new[]
                 {
                     "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "frame-ancestors 'none'",
                     "base-uri 'self'", "form-action 'self'", "object-src 'none'",
                 })
        {
            Assert.True(csp.Split(';').Select(d => d.Trim()).Contains(directive), $"{what}: falta «{directive}» en {csp}");
        }

        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("http", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Pages_api_answers_static_files_and_error_answers_all_carry_the_security_headers()
    {
        await using var app = new CarteroAppFactory();
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var api = await app.CreateApiClientAsync();
        var answers = new List<(string What, HttpResponseMessage Response)>
        {
            ("página", await anonymous.GetAsync("/cuenta/ingresar", Ct)),
            ("redirección", await anonymous.GetAsync("/correos", Ct)),
            ("css", await anonymous.GetAsync("/css/cartero.css", Ct)),
            ("js", await anonymous.GetAsync("/js/estadisticas.js", Ct)),
            ("health", await anonymous.GetAsync("/health", Ct)),
            ("openapi", await anonymous.GetAsync("/openapi/v1.json", Ct)),
            ("api 401", await anonymous.GetAsync("/api/v1/emails", Ct)),
            ("api 200", await api.GetAsync("/api/v1/emails", Ct)),
            ("api 404", await api.GetAsync($"/api/v1/emails/{Guid.CreateVersion7()}", Ct)),
            ("api 400", await api.PostAsJsonAsync("/api/v1/emails", new JsonObject { ["type"] = "nada" }, Ct)),
            ("api json roto", await api.PostAsync("/api/v1/emails", new StringContent("{", System.Text.Encoding.UTF8, "application/json"), Ct)),
            ("página 404", await anonymous.GetAsync("/no-existe", Ct)),
            ("estático 404", await anonymous.GetAsync("/css/no-existe.css", Ct)),
        };

        Assert.Equal(HttpStatusCode.OK, answers[0].Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answers[2].Response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, answers[6].Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, answers[9].Response.StatusCode);
        foreach (var (what, response) in answers)
        {
            AssertSecurityHeaders(response, what);
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), $"{what}: HSTS sobre HTTP");
        }

        var notFound = answers[^2].Response;
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Contains("Página no encontrada", await notFound.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Over_https_every_cookie_is_secure_and_hsts_is_sent()
    {
        await using var app = new CarteroAppFactory();
        await PanelSession.SignInAsync(app, CarteroRoles.Admin);
        var https = new PanelSession(app.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false,
        }));

        var form = await https.GetAsync("/cuenta/ingresar");
        Assert.Equal("max-age=31536000", Assert.Single(form.Headers.GetValues("Strict-Transport-Security")));
        var antiforgery = Assert.Single(form.Headers.GetValues("Set-Cookie"));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);

        var page = await form.Content.ReadAsStringAsync(Ct);
        var token = WebUtility.HtmlDecode(TokenPattern().Match(page).Groups[1].Value);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/cuenta/ingresar")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = "admin@optica.ec", ["Input.Password"] = "una-clave-bastante-larga", ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signedIn = await https.Client.SendAsync(post, Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("cartero.sesion=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);

        // Over plain HTTP (a local test install) the cookies still work, without the flag.
        var plain = await app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false }).GetAsync("/cuenta/ingresar", Ct);
        Assert.DoesNotContain("secure", Assert.Single(plain.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Behind_a_configured_proxy_its_forwarded_address_and_scheme_are_used_and_otherwise_ignored()
    {
        await using var trusted = new CarteroAppFactory(kestrel: true, settings: new Dictionary<string, string?> { ["Cartero:ReverseProxy:Enabled"] = "true" });
        await using var ignored = new CarteroAppFactory(kestrel: true);
        await using var otherProxy = new CarteroAppFactory(kestrel: true, settings: new Dictionary<string, string?>
        {
            ["Cartero:ReverseProxy:Enabled"] = "true", ["Cartero:ReverseProxy:KnownProxies:0"] = "10.9.9.9",
        });

        async Task<(HttpResponseMessage Response, string? AuditIp)> ThroughProxyAsync(CarteroAppFactory app)
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.ServerAddress };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/cuenta/ingresar");
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
            request.Headers.Add("X-Forwarded-Proto", "https");
            var response = await http.SendAsync(request, Ct);
            var page = await response.Content.ReadAsStringAsync(Ct);
            using var post = new HttpRequestMessage(HttpMethod.Post, "/cuenta/ingresar")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Input.Email"] = "nadie@optica.ec", ["Input.Password"] = "no-importa-cual",
                    ["__RequestVerificationToken"] = WebUtility.HtmlDecode(TokenPattern().Match(page).Groups[1].Value),
                }),
            };
            post.Headers.Add("X-Forwarded-For", "203.0.113.7");
            post.Headers.Add("X-Forwarded-Proto", "https");
            post.Headers.Add("Cookie", response.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(post, Ct)).StatusCode);
            var ip = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "ingreso_fallido").Select(a => a.ActorIp).SingleAsync(Ct));
            return (response, ip);
        }

        var (viaProxy, proxyIp) = await ThroughProxyAsync(trusted);
        Assert.Equal("203.0.113.7", proxyIp);
        Assert.True(viaProxy.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains("secure", viaProxy.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);

        foreach (var app in new[] { ignored, otherProxy })
        {
            var (direct, directIp) = await ThroughProxyAsync(app);
            Assert.Equal("127.0.0.1", directIp);
            Assert.False(direct.Headers.Contains("Strict-Transport-Security"));
            Assert.DoesNotContain("secure", direct.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task No_page_an_admin_can_open_has_inline_script_event_handlers_or_inline_style()
    {
        await using var app = new CarteroAppFactory();
        var api = await app.CreateApiClientAsync();
        var sent = await api.PostAsJsonAsync("/api/v1/emails", new JsonObject
        {
            ["type"] = "pedido", ["to"] = new JsonObject { ["address"] = "ana@correo.ec" },
            ["subject"] = "Su pedido", ["html"] = "<p style=\"color:red\" onclick=\"x()\">Hola</p>", ["text"] = "Hola",
            ["attachments"] = new JsonArray(new JsonObject { ["fileName"] = "orden.pdf", ["contentType"] = "application/pdf", ["contentBase64"] = Convert.ToBase64String("%PDF-1.4 orden"u8) }),
        }, Ct);
        var emailId = (string)(await sent.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!;
        var invoiceId = await InsertInvoiceAsync(app);
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);

        var templates = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var paths = templates.SelectMany(t => t switch
        {
            "/correos/{id:guid}" => [$"/correos/{emailId}"],
            "/facturas/{id:guid}" => [$"/facturas/{invoiceId}"],
            "/facturas/{id:guid}/nota-credito" => [$"/facturas/{invoiceId}/nota-credito"],
            "/facturas/{id:guid}/anular" => [$"/facturas/{invoiceId}/anular"],
            "/tienda/clientes/{id:guid}/datos" => [t.Replace("{id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)],
            "/facturas/notas-credito/{id:guid}" => [t.Replace("{id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)],
            "/cuenta/estado/{codigo:int}" => ["/cuenta/estado/404", "/cuenta/estado/429"],
            // A download (message/rfc822), not markup.
            "/correos/{id:guid}/eml" => [],
            // The store's and the patient's record pages with data are checked in Chromium (StoreBrowserTests,
            // ClinicalBrowserTests: CSP and axe); here their
            // not-found answer, which is a page in the layout too.
            "/tienda/ventas/{id:guid}" or "/tienda/clientes/{id:guid}" or "/clinica/pacientes/{id:guid}" => [t.Replace("{id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)],
            _ when t.Contains('{', StringComparison.Ordinal) => throw new InvalidOperationException($"Agregue un valor de prueba para la ruta {t}."),
            _ => new[] { t },
        }).Append("/estadisticas?desde=2020-01-01").ToList();
        Assert.True(paths.Count >= 20, string.Join(", ", paths));

        var scanned = 0;
        foreach (var path in paths)
        {
            var response = await admin.GetAsync(path);
            AssertSecurityHeaders(response, path);
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var html = await response.Content.ReadAsStringAsync(Ct);
            AssertNoInlineCode(html, path);
            scanned++;
        }

        Assert.True(scanned >= 15, $"solo {scanned} páginas HTML revisadas");
        var detail = await admin.GetStringAsync($"/correos/{emailId}");
        Assert.Contains($"src=\"/correos/{emailId}?handler=Vista\"", detail);
    }

    [Fact]
    public void The_razor_sources_and_scripts_hold_no_inline_script_event_handlers_or_inline_style()
    {
        var pages = Path.Combine(RepositoryPaths.Root, "src", "Cartero", "Pages");
        var files = Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            AssertNoInlineCode(File.ReadAllText(file), Path.GetRelativePath(pages, file));
        }

        // Scripts must not build inline code either.
        foreach (var script in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src", "Cartero", "wwwroot", "js")))
        {
            var text = File.ReadAllText(script);
            Assert.DoesNotMatch(@"\beval\(|new Function\(|innerHTML|setAttribute\(\s*['""](on|style)", text);
        }
    }

    [Fact]
    public async Task The_message_preview_is_its_own_answer_with_a_policy_that_lets_nothing_run()
    {
        await using var app = new CarteroAppFactory();
        var api = await app.CreateApiClientAsync();
        var sent = await api.PostAsJsonAsync("/api/v1/emails", new JsonObject
        {
            ["type"] = "pedido", ["to"] = new JsonObject { ["address"] = "ana@correo.ec" },
            ["subject"] = "Su pedido", ["html"] = "<p style=\"color:#146c2e\">Hola</p><script>robar()</script><img src=\"https://rastreo.ec/x.gif\">", ["text"] = "Hola",
        }, Ct);
        var id = (string)(await sent.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!;
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);

        var preview = await admin.GetAsync($"/correos/{id}?handler=Vista");
        var html = await preview.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal(SecurityHeaders.MessagePreviewPolicy, Assert.Single(preview.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("sandbox", SecurityHeaders.MessagePreviewPolicy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", SecurityHeaders.MessagePreviewPolicy, StringComparison.Ordinal);
        Assert.Equal("SAMEORIGIN", Assert.Single(preview.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("<p style=\"color", html);
        Assert.DoesNotContain("robar", html);
        Assert.DoesNotContain("rastreo.ec", html);
        var seller = await PanelSession.SignInAsync(app, CarteroRoles.Vendedor);
        Assert.Equal(HttpStatusCode.Redirect, (await seller.GetAsync($"/correos/{id}?handler=Vista")).StatusCode);
    }

    private static void AssertNoInlineCode(string html, string where)
    {
        foreach (Match script in ScriptTag().Matches(html))
        {
            Assert.True(SrcAttribute().IsMatch(script.Value), $"{where}: script en línea {script.Value}");
        }

        Assert.False(EventHandler().IsMatch(html), $"{where}: atributo de evento {EventHandler().Match(html).Value}");
        Assert.False(StyleAttribute().IsMatch(html), $"{where}: atributo style {StyleAttribute().Match(html).Value}");
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<Guid> InsertInvoiceAsync(CarteroAppFactory app)
    {
        var machine = app.Services.GetRequiredService<InvoiceStateMachine>();
        var invoice = new Invoice
        {
            Id = Guid.CreateVersion7(), CreatedAt = DateTime.UtcNow, Environment = "pruebas", Establishment = "001", EmissionPoint = "001",
            Sequential = 7, AccessKey = new string('1', 49), IssueDate = DateOnly.FromDateTime(DateTime.UtcNow), IssuerRuc = "1792146739001",
            IssuerName = "Óptica Visión", BuyerIdType = "05", BuyerId = "1710034065", BuyerName = "Ana Pérez", BuyerEmail = "ana@correo.ec",
            Total = 15m, OriginatedBy = "apikey:erp", GeneratedXml = "<factura/>",
        };
        machine.Start(invoice, "apikey:erp", "Factura generada.");
        await app.WithDbAsync(async db =>
        {
            db.Invoices.Add(invoice);
            await db.SaveChangesAsync(Ct);
        });
        return invoice.Id;
    }

    [GeneratedRegex("<script\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("\\bsrc\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex SrcAttribute();

    [GeneratedRegex("<[a-z][^>]*\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();

    [GeneratedRegex("<[a-z][^>]*\\sstyle\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
