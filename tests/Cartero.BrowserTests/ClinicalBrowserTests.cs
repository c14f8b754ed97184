using System.Text;
using Cartero.Features.Clinical;
using Cartero.Features.Store;
using Cartero.Platform.Auth;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;

namespace Cartero.BrowserTests;

/// <summary>An optometrist in a real browser fills a prescription for a consenting patient and sends it.</summary>
public sealed class ClinicalBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Password = "una-clave-bastante-larga";
    private readonly CarteroAppFactory _app = new(settings: new Dictionary<string, string?>
    {
        ["Cartero:Worker:Enabled"] = "true",
        ["Cartero:Worker:PollInterval"] = "00:00:00.200",
    }, kestrel: true);
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private CspViolations _csp = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Url(string path) => new Uri(_app.ServerAddress, path).ToString();

    [Fact]
    public async Task The_optometrist_fills_a_prescription_and_sends_it_to_the_patient()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await _app.ConfigureSmtpAsync(smtp.Port);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CarteroUser>>();
            var user = new CarteroUser { Id = Guid.CreateVersion7(), UserName = "ana@optica.ec", Email = "ana@optica.ec", EmailConfirmed = true, FullName = "Ana Pérez", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            await users.AddToRoleAsync(user, CarteroRoles.Optometrista);
            var actor = new RequestActor("jefa@optica.ec", null, true);
            await scope.ServiceProvider.GetRequiredService<ClinicalPermission>().SetAsync(user, true, actor, Ct);
            var customer = await scope.ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(
                new CustomerInput("María José Pérez", IdentificationTypes.Cedula, "1712345675", "maria@correo.ec", null, null), actor, Ct);
            await scope.ServiceProvider.GetRequiredService<ClinicalConsents>().RecordAsync(customer.Id, ConsentMethods.SignedForm, actor, Ct);
        }

        await _page.GotoAsync(Url("/cuenta/ingresar"));
        await _page.GetByLabel("Correo").FillAsync("ana@optica.ec");
        await _page.GetByLabel("Contraseña").FillAsync(Password);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await _page.WaitForURLAsync(url => !url.Contains("/cuenta/ingresar", StringComparison.Ordinal));

        await _page.GetByRole(AriaRole.Link, new() { Name = "Pacientes" }).ClickAsync();
        await _page.GetByLabel("Buscar por nombre, identificación o correo").FillAsync("1712");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Buscar" }).ClickAsync();
        await AssertAccessibleAsync("clinica-pacientes");
        await _page.GetByRole(AriaRole.Link, new() { Name = "María José Pérez" }).ClickAsync();
        await Assertions.Expect(_page.Locator("#consentimiento")).ToContainTextAsync("formulario firmado");
        await AssertAccessibleAsync("clinica-paciente");

        await _page.GetByLabel("Esfera OD").FillAsync("-1.25");
        await _page.GetByLabel("Cilindro OD").FillAsync("-0.50");
        await _page.GetByLabel("Eje OD").FillAsync("90");
        await _page.GetByLabel("Esfera OI").FillAsync("-1.00");
        await _page.GetByLabel("Adición OI").FillAsync("1.50");
        await _page.GetByLabel("DP OD").FillAsync("31.5");
        await _page.GetByLabel("Observaciones").FillAsync("Control en seis meses.");
        await Assertions.Expect(_page.GetByLabel("Nombre del optometrista")).ToHaveValueAsync("Ana Pérez");
        await _page.GetByLabel("Número de registro profesional").FillAsync("SENESCYT-1027");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Guardar receta" }).ClickAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Status)).ToContainTextAsync("Receta guardada");

        await _page.GetByRole(AriaRole.Button, new() { Name = "Enviar al paciente" }).ClickAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Status)).ToContainTextAsync("Documento enviado");
        await AssertAccessibleAsync("clinica-paciente-enviado");

        var messages = await Eventually.WaitForAsync(() => smtp.GetMessagesAsync(Ct), m => m.Any(x => x.To.Contains("maria@correo.ec")), "el correo a la paciente");
        using var raw = new MemoryStream(Encoding.UTF8.GetBytes(messages.Single().Raw));
        var message = await MimeMessage.LoadAsync(raw, Ct);
        Assert.StartsWith("Documento de su consulta en ", message.Subject, StringComparison.Ordinal);
        Assert.Equal("application/pdf", Assert.Single(message.Attachments.OfType<MimePart>()).ContentType.MimeType);
    }

    [Fact]
    public async Task The_prescription_form_fits_a_390_px_screen_without_sideways_scrolling()
    {
        Guid patient;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CarteroUser>>();
            var user = new CarteroUser { Id = Guid.CreateVersion7(), UserName = "ana@optica.ec", Email = "ana@optica.ec", EmailConfirmed = true, FullName = "Ana Pérez", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            await users.AddToRoleAsync(user, CarteroRoles.Optometrista);
            patient = (await scope.ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(
                new CustomerInput("María José Pérez", IdentificationTypes.Cedula, "1712345675", "maria@correo.ec", null, null), new RequestActor("jefa@optica.ec", null, true), Ct)).Id;
        }

        await _page.SetViewportSizeAsync(390, 900);
        await _page.GotoAsync(Url("/cuenta/ingresar"));
        await _page.GetByLabel("Correo").FillAsync("ana@optica.ec");
        await _page.GetByLabel("Contraseña").FillAsync(Password);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await _page.WaitForURLAsync(url => !url.Contains("/cuenta/ingresar", StringComparison.Ordinal));
        await _page.GotoAsync(Url($"/clinica/pacientes/{patient}"));

        var sizes = await _page.EvaluateAsync<int[]>("""
            () => {
              const wrapper = document.querySelector('#tabla-receta').closest('.tabla-envoltura');
              return [document.documentElement.scrollWidth, document.documentElement.clientWidth, wrapper.scrollWidth, wrapper.clientWidth];
            }
            """);
        Assert.True(sizes[0] <= sizes[1] + 1, $"la página mide {sizes[0]} px en una ventana de {sizes[1]} px");
        Assert.True(sizes[2] <= sizes[3] + 1, $"la receta se desplaza de lado: mide {sizes[2]} px en {sizes[3]} px");
        await Assertions.Expect(_page.GetByLabel("Esfera OD")).ToBeVisibleAsync();
        var lastInput = await _page.GetByLabel("DP OI").BoundingBoxAsync();
        Assert.True(lastInput is not null && lastInput.X >= 0 && lastInput.X + lastInput.Width <= sizes[1] + 1, $"DP OI queda fuera de la ventana ({lastInput?.X} + {lastInput?.Width} px)");
        await AssertAccessibleAsync("clinica-paciente-390");
    }

    private async Task AssertAccessibleAsync(string name)
    {
        _csp.AssertNone(name);
        var results = await _page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{name}: " + string.Join("; ", serious.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length})")));
    }

    public async ValueTask InitializeAsync()
    {
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "es-EC", TimezoneId = "America/Guayaquil" });
        _page = await _context.NewPageAsync();
        _csp = await CspViolations.WatchAsync(_context, _page);
    }

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        await _app.DisposeAsync();
        _csp.AssertNone("fin de la prueba");
    }
}
