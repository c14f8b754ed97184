using System.Text.RegularExpressions;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;

namespace Cartero.BrowserTests;

/// <summary>A person who forgot their password gets the link by mail (a real SMTP server), follows it, sets a new one and signs in with it.</summary>
public sealed partial class PasswordRecoveryBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string OldPassword = "una-clave-bastante-larga";
    private const string NewPassword = "otra-clave-mas-larga-aun-2026";
    private SmtpPeer _smtp = null!;
    private CarteroAppFactory _app = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private CspViolations _csp = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Url(string path) => new Uri(_app.ServerAddress, path).ToString();

    [Fact]
    public async Task A_person_recovers_their_password_from_the_mailed_link_and_signs_in_with_the_new_one()
    {
        await _app.ConfigureSmtpAsync(_smtp.Port);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CarteroUser>>();
            var user = new CarteroUser { Id = Guid.CreateVersion7(), UserName = "lucia@optica.ec", Email = "lucia@optica.ec", EmailConfirmed = true, FullName = "Lucía Andrade", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, OldPassword)).Succeeded);
            await users.AddToRoleAsync(user, CarteroRoles.Vendedor);
        }

        await _page.GotoAsync(Url("/cuenta/ingresar"));
        await _page.GetByRole(AriaRole.Link, new() { Name = "¿Olvidó su contraseña?" }).ClickAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "¿Olvidó su contraseña?" })).ToBeVisibleAsync();
        await AxeAtTwoWidths.AssertAsync(_page, _csp, "recuperar");
        await _page.GetByLabel("Correo").FillAsync("lucia@optica.ec");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Enviar enlace" }).ClickAsync();
        await _page.WaitForURLAsync(url => url.Contains("/cuenta/recuperar/enviado", StringComparison.Ordinal));
        await AxeAtTwoWidths.AssertAsync(_page, _csp, "recuperar-enviado");

        var mail = (await Eventually.WaitForAsync(() => _smtp.GetMessagesAsync(Ct), m => m.Any(x => x.To.Contains("lucia@optica.ec")), "el correo de recuperación llega"))
            .Single(m => m.To.Contains("lucia@optica.ec"));
        var message = await MimeMessage.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Raw)), Ct);
        var link = new Uri(ResetLink().Match(message.TextBody ?? message.HtmlBody!).Value);
        await _page.GotoAsync(Url(link.PathAndQuery));
        await Assertions.Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Elegir una contraseña nueva" })).ToBeVisibleAsync();
        await AxeAtTwoWidths.AssertAsync(_page, _csp, "restablecer");
        await _page.GetByLabel("Contraseña nueva (12 caracteres o más)").FillAsync(NewPassword);
        await _page.GetByLabel("Repita la contraseña").FillAsync(NewPassword);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Guardar contraseña" }).ClickAsync();
        await _page.WaitForURLAsync(url => url.Contains("/cuenta/ingresar", StringComparison.Ordinal));

        await _page.GetByLabel("Correo").FillAsync("lucia@optica.ec");
        await _page.GetByLabel("Contraseña").FillAsync(NewPassword);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await _page.WaitForURLAsync(url => !url.Contains("/cuenta/", StringComparison.Ordinal));
        await AxeAtTwoWidths.AssertAsync(_page, _csp, "inicio-tras-recuperar");
    }

    [GeneratedRegex(@"https?://[^\s""<>]+/cuenta/restablecer\?[^\s""<>]+")]
    private static partial Regex ResetLink();

    public async ValueTask InitializeAsync()
    {
        _smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        // The link names the public address; the test follows its path on the real server's random port.
        _app = new CarteroAppFactory(settings: new Dictionary<string, string?>
        {
            ["Cartero:Worker:Enabled"] = "true",
            ["Cartero:Worker:PollInterval"] = "00:00:00.200",
            ["Cartero:Accounts:PublicUrl"] = "http://localhost",
        }, kestrel: true);
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "es-EC", TimezoneId = "America/Guayaquil" });
        _page = await _context.NewPageAsync();
        _csp = await CspViolations.WatchAsync(_context, _page);
    }

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
        _csp.AssertNone("fin de la prueba");
    }
}
