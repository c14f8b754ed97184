using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cartero.Features.Sending;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cartero.BrowserTests;

/// <summary>The panel in a real browser: what admins, support staff, sellers and customers actually do.</summary>
public sealed partial class PanelBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Password = "una-clave-bastante-larga";
    private readonly CarteroAppFactory _app = new(kestrel: true);
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private CspViolations _csp = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Url(string path) => new Uri(_app.ServerAddress, path).ToString();

    private async Task CreateUserAsync(string role, string email, string? customerId = null)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CarteroUser>>();
        var user = new CarteroUser { Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true, FullName = email, CustomerId = customerId, CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        await users.AddToRoleAsync(user, role);
    }

    private async Task SignInAsync(string email)
    {
        await _page.GotoAsync(Url("/cuenta/ingresar"));
        await _page.GetByLabel("Correo").FillAsync(email);
        await _page.GetByLabel("Contraseña").FillAsync(Password);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await _page.WaitForURLAsync(url => !url.Contains("/cuenta/ingresar", StringComparison.Ordinal));
    }

    private async Task<Guid> EnqueueAsync(string to, string subject, string? customerId = null)
    {
        using var http = new HttpClient { BaseAddress = _app.ServerAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _app.CreateApiKeyAsync("erp-" + Guid.NewGuid().ToString("N")[..6], false));
        var response = await http.PostAsJsonAsync("/api/v1/emails", new JsonObject
        {
            ["type"] = "pedido",
            ["to"] = new JsonObject { ["address"] = to, ["kind"] = customerId is null ? "externo" : "cliente", ["id"] = customerId },
            ["entity"] = new JsonObject { ["type"] = "pedido", ["id"] = "P-77" },
            ["subject"] = subject, ["html"] = "<p>Su pedido está listo.</p>", ["text"] = "Su pedido está listo.",
        }, Ct);
        response.EnsureSuccessStatusCode();
        return Guid.Parse((string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!);
    }

    private async Task FailAsync(Guid id)
    {
        var machine = _app.Services.GetRequiredService<EmailStateMachine>();
        await _app.WithDbAsync(async db =>
        {
            var row = await db.Emails.SingleAsync(e => e.Id == id, Ct);
            machine.Transition(row, EmailStatus.Enviando, new TransitionDetail());
            machine.Transition(row, EmailStatus.Fallido, new TransitionDetail("550 5.1.1 buzón inexistente", 550, "smtp"));
            row.LastError = "550 5.1.1 buzón inexistente";
            await db.SaveChangesAsync(Ct);
        });
    }

    private async Task AssertAccessibleAsync(string name)
    {
        _csp.AssertNone(name);
        // The message preview is a sandboxed iframe without scripts: axe cannot (and need not) enter it.
        var results = await _page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions { Iframes = false });
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{name}: " + string.Join("; ", serious.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length})")));
        if (BrowserFixture.SaveScreenshots)
        {
            var folder = Path.Combine(RepositoryPaths.Root, "docs", "screenshots");
            Directory.CreateDirectory(folder);
            await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    [Fact]
    public async Task The_first_admin_is_created_with_the_code_from_the_console()
    {
        await _page.GotoAsync(Url("/"));
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("/cuenta/ingresar"));
        await AssertAccessibleAsync("ingresar");
        await _page.GetByRole(AriaRole.Link, new() { Name = "Configuración inicial" }).ClickAsync();
        var code = SetupCode().Match(await File.ReadAllTextAsync(_app.LogFile, Ct)).Groups[1].Value;

        await _page.GetByLabel("Código de configuración").FillAsync(code);
        await _page.GetByLabel("Nombre completo").FillAsync("María Andrade");
        await _page.GetByLabel("Correo").FillAsync("maria@optica.ec");
        await _page.GetByLabel("Contraseña (mínimo 12 caracteres)").FillAsync(Password);
        await _page.GetByLabel("Repita la contraseña").FillAsync(Password);
        await AssertAccessibleAsync("configuracion-inicial");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Crear administrador" }).ClickAsync();

        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("/correos$"));
        await Assertions.Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Correos enviados" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Support_configures_smtp_and_the_test_succeeds_then_fails_with_an_explanation()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions { Username = "cartero", Password = "clave-del-servidor" }, Ct);
        await CreateUserAsync(CarteroRoles.Soporte, "soporte@optica.ec");
        await SignInAsync("soporte@optica.ec");

        await _page.GotoAsync(Url("/configuracion/correo"));
        await _page.GetByLabel("Proveedor", new() { Exact = true }).SelectOptionAsync("smtp");
        await _page.GetByLabel("Servidor", new() { Exact = true }).FillAsync("127.0.0.1");
        await _page.GetByLabel("Puerto", new() { Exact = true }).FillAsync(smtp.Port.ToString());
        await _page.GetByLabel("Seguridad", new() { Exact = true }).SelectOptionAsync("none");
        await _page.GetByLabel("Usuario", new() { Exact = true }).FillAsync("cartero");
        await _page.GetByLabel("Contraseña (déjela vacía para conservar la actual)", new() { Exact = true }).FillAsync("clave-del-servidor");
        await _page.GetByLabel("Remitente", new() { Exact = true }).FillAsync("facturas@optica.ec");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Guardar" }).ClickAsync();
        await Assertions.Expect(_page.GetByText("Configuración guardada.")).ToBeVisibleAsync();
        await Assertions.Expect(_page.Locator("#estado-contrasena")).ToHaveTextAsync("configurada");

        await _page.GetByLabel("Enviar un correo de prueba a").FillAsync("soporte@optica.ec");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Probar envío" }).ClickAsync();
        await Assertions.Expect(_page.Locator("#resultado-prueba")).ToContainTextAsync("la configuración funciona");
        await AssertAccessibleAsync("cuenta-de-envio");
        Assert.Single(await smtp.GetMessagesAsync(Ct));

        await _page.GetByLabel("Contraseña (déjela vacía para conservar la actual)", new() { Exact = true }).FillAsync("una-clave-equivocada");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Guardar" }).ClickAsync();
        await _page.GetByLabel("Enviar un correo de prueba a").FillAsync("soporte@optica.ec");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Probar envío" }).ClickAsync();
        await Assertions.Expect(_page.Locator("#resultado-prueba")).ToContainTextAsync("El servidor rechazó la autenticación (535): revise usuario y contraseña");
    }

    [Fact]
    public async Task Support_filters_the_log_opens_a_failure_retries_it_and_exports_the_filter()
    {
        var failed = await EnqueueAsync("ana@correo.ec", "Su pedido P-77 está listo");
        await EnqueueAsync("luis@correo.ec", "Recordatorio de control visual");
        await FailAsync(failed);
        await CreateUserAsync(CarteroRoles.Soporte, "soporte@optica.ec");
        await SignInAsync("soporte@optica.ec");

        await _page.GotoAsync(Url("/correos"));
        await _page.GetByLabel("Correo destinatario").FillAsync("ana@correo.ec");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Filtrar" }).ClickAsync();
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("destinatario=ana%40correo.ec"));
        await Assertions.Expect(_page.GetByText("Recordatorio de control visual")).ToHaveCountAsync(0);
        await AssertAccessibleAsync("correos");

        var download = await _page.RunAndWaitForDownloadAsync(() => _page.GetByRole(AriaRole.Link, new() { Name = "Exportar CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!, Ct);
        Assert.Equal(2, csv.TrimEnd().Split("\r\n").Length);
        Assert.Contains("ana@correo.ec", csv);

        await _page.Locator("table tbody tr td a").First.ClickAsync();
        await Assertions.Expect(_page.GetByText("550 5.1.1 buzón inexistente").First).ToBeVisibleAsync();
        await AssertAccessibleAsync("detalle-correo");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Reintentar" }).ClickAsync();
        await Assertions.Expect(_page.GetByText("El correo volvió a la cola")).ToBeVisibleAsync();
        var status = await _app.WithDbAsync(db => db.Emails.Where(e => e.Id == failed).Select(e => e.Status).SingleAsync(Ct));
        Assert.Equal(EmailStatus.EnCola, status);
    }

    [Fact]
    public async Task A_seller_is_denied_the_settings_and_a_customer_sees_only_their_mail()
    {
        await EnqueueAsync("ana@correo.ec", "Factura de Ana", customerId: "C-1");
        await EnqueueAsync("luis@correo.ec", "Factura de Luis", customerId: "C-2");
        await CreateUserAsync(CarteroRoles.Vendedor, "vendedor@optica.ec");
        await CreateUserAsync(CarteroRoles.Cliente, "ana@correo.ec", customerId: "C-1");

        await SignInAsync("vendedor@optica.ec");
        await _page.GotoAsync(Url("/configuracion/correo"));
        await Assertions.Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Acceso denegado" })).ToBeVisibleAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Salir" }).ClickAsync();

        await SignInAsync("ana@correo.ec");
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("/mis-correos$"));
        await Assertions.Expect(_page.GetByText("Factura de Ana")).ToBeVisibleAsync();
        await Assertions.Expect(_page.GetByText("Factura de Luis")).ToHaveCountAsync(0);
        await AssertAccessibleAsync("mis-correos");
    }

    [Fact]
    public async Task Destructive_actions_ask_first_and_the_test_send_shows_progress_and_cannot_be_sent_twice()
    {
        await CreateUserAsync(CarteroRoles.Admin, "admin@optica.ec");
        await SignInAsync("admin@optica.ec");
        await _page.GotoAsync(Url("/claves-api"));
        await _page.GetByLabel("Nombre").FillAsync("pos-quito");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Crear clave" }).ClickAsync();
        await Assertions.Expect(_page.Locator("#clave-nueva")).ToBeVisibleAsync();

        string? asked = null;
        async void Dismiss(object? _, IDialog dialog)
        {
            asked = dialog.Message;
            await dialog.DismissAsync();
        }

        _page.Dialog += Dismiss;
        await _page.GetByRole(AriaRole.Button, new() { Name = "Revocar" }).ClickAsync();
        await Eventually.WaitForAsync(() => Task.FromResult(asked), a => a is not null, "la pregunta de confirmación");
        Assert.Contains("¿Revocar la clave «pos-quito»?", asked);
        await _page.GotoAsync(Url("/claves-api"));
        await Assertions.Expect(_page.GetByRole(AriaRole.Cell, new() { Name = "activa", Exact = true })).ToBeVisibleAsync();
        _page.Dialog -= Dismiss;

        _page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Revocar" }).ClickAsync();
        await Assertions.Expect(_page.GetByText("Clave 'pos-quito' revocada")).ToBeVisibleAsync();

        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions { Slow = TimeSpan.FromSeconds(2) }, Ct);
        await _app.ConfigureSmtpAsync(smtp.Port);
        await _page.GotoAsync(Url("/configuracion/correo"));
        await _page.GetByLabel("Enviar un correo de prueba a").FillAsync("lento-admin@optica.ec");
        // Clicked from the page's own script so the state can be read while the (slow) answer is still on its way.
        var during = await _page.GetByRole(AriaRole.Button, new() { Name = "Probar envío" }).EvaluateAsync<string>("""
            b => new Promise(done => {
              b.click();
              setTimeout(() => {
                b.form.requestSubmit();
                const status = b.form.querySelector('.progreso');
                done([b.disabled, b.form.getAttribute('aria-busy'), status && status.textContent].join('|'));
              }, 100);
            })
            """);
        Assert.StartsWith("true|true|Enviando la prueba", during);
        await Assertions.Expect(_page.Locator("#resultado-prueba")).ToContainTextAsync("la configuración funciona", new() { Timeout = 30_000 });
        Assert.Single(await smtp.GetMessagesAsync(Ct));
    }

    [Fact]
    public async Task Support_reads_the_receiving_servers_diagnostic_of_a_bounce_and_downloads_the_proof()
    {
        const string diagnostic = "550 5.1.1 <ana@correo.ec>: Recipient address rejected: User unknown in local recipient table";
        var id = await EnqueueAsync("ana@correo.ec", "Su pedido P-77");
        var machine = _app.Services.GetRequiredService<EmailStateMachine>();
        await _app.WithDbAsync(async db =>
        {
            var row = await db.Emails.SingleAsync(e => e.Id == id, Ct);
            machine.Transition(row, EmailStatus.Enviando, new TransitionDetail());
            machine.Transition(row, EmailStatus.Enviado, new TransitionDetail("250 2.0.0 Ok: queued as 4XyQ1", 250, "smtp"));
            await db.SaveChangesAsync(Ct);
        });
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var applier = scope.ServiceProvider.GetRequiredService<Cartero.Features.Tracking.DeliveryReportApplier>();
            await applier.ApplyAsync(new Cartero.Features.Tracking.DeliveryReport(
                Cartero.Features.Tracking.DeliveryReportKind.BouncedHard, DateTime.UtcNow, Cartero.Features.Tracking.DeliveryReportSource.Dsn,
                EmailId: id, Reason: "5.1.1", StatusCode: "5.1.1", ServerText: diagnostic, RemoteMta: "mx.correo.ec"), Ct);
        }

        await CreateUserAsync(CarteroRoles.Soporte, "soporte@optica.ec");
        await SignInAsync("soporte@optica.ec");
        await _page.GotoAsync(Url($"/correos/{id}"));

        await Expect(_page.GetByText(diagnostic).First).ToBeVisibleAsync();
        await Expect(_page.GetByText("mx.correo.ec").First).ToBeVisibleAsync();
        await Expect(_page.Locator("main")).ToContainTextAsync("Rebotado");
        await AssertAccessibleAsync("correo-rebotado");
        var download = await _page.RunAndWaitForDownloadAsync(() =>
            _page.GetByRole(AriaRole.Link, new() { Name = "Descargar constancia de envío" }).ClickAsync());
        var file = await download.PathAsync();
        using var zip = System.IO.Compression.ZipFile.OpenRead(file);
        var json = zip.Entries.Single(e => e.Name.EndsWith(".json", StringComparison.Ordinal));
        using var reader = new StreamReader(json.Open());
        var text = System.Text.RegularExpressions.Regex.Unescape(await reader.ReadToEndAsync(Ct));
        Assert.Contains("Recipient address rejected", text, StringComparison.Ordinal);
        Assert.Contains("250 2.0.0 Ok: queued as 4XyQ1", text, StringComparison.Ordinal);
        Assert.Contains(zip.Entries, e => e.Name.EndsWith(".pdf", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Statistics_users_audit_and_api_keys_pages_are_accessible()
    {
        await EnqueueAsync("ana@correo.ec", "Uno");
        await CreateUserAsync(CarteroRoles.Admin, "admin@optica.ec");
        await SignInAsync("admin@optica.ec");
        foreach (var (path, name) in new[] { ("/estadisticas", "estadisticas"), ("/usuarios", "usuarios"), ("/auditoria", "auditoria"), ("/claves-api", "claves-api") })
        {
            await _page.GotoAsync(Url(path));
            await AssertAccessibleAsync(name);
        }

        await _page.GotoAsync(Url("/estadisticas"));
        await Assertions.Expect(_page.Locator("#grafico-dias")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Chromium_enforces_the_policy_and_reports_inline_code_it_refused()
    {
        await _page.GotoAsync(Url("/cuenta/ingresar"));
        _csp.AssertNone("ingresar");

        await _page.EvaluateAsync("""
            () => {
              const script = document.createElement('script');
              script.textContent = 'window.inyectado = true;';
              document.head.appendChild(script);
              const box = document.createElement('div');
              box.setAttribute('style', 'color: red');
              document.body.appendChild(box);
            }
            """);

        Assert.False(await _page.EvaluateAsync<bool>("() => window.inyectado === true"));
        await Eventually.WaitForAsync(() => Task.FromResult(_csp.Seen.Count), n => n >= 2, "dos violaciones informadas");
        Assert.Contains(_csp.Seen, v => v.Contains("script-src", StringComparison.Ordinal));
        Assert.Contains(_csp.Seen, v => v.Contains("style-src", StringComparison.Ordinal));
        _csp.Clear();
    }

    public async ValueTask InitializeAsync()
    {
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, Locale = "es-EC", TimezoneId = "America/Guayaquil" });
        _page = await _context.NewPageAsync();
        _csp = await CspViolations.WatchAsync(_context, _page);
    }

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        await _app.DisposeAsync();
        _csp.AssertNone("fin de la prueba");
    }

    [GeneratedRegex(@"código de un solo uso ([A-Z2-9]{4}-[A-Z2-9]{4})")]
    private static partial Regex SetupCode();
}
