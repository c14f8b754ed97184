using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Tests.Pages;

public sealed partial class TwoFactorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_turns_on_the_authenticator_and_then_needs_its_code_to_sign_in()
    {
        await using var app = new CarteroAppFactory();
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);
        var setup = await admin.GetStringAsync("/cuenta/doble-factor");
        var key = KeyPattern().Match(setup).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);

        var wrong = await admin.PostFormAsync("/cuenta/doble-factor", new() { ["Code"] = "000000" }, "/cuenta/doble-factor?handler=Activar");
        Assert.Contains("El código no es correcto", await wrong.Content.ReadAsStringAsync(Ct));
        var on = await admin.PostFormAsync("/cuenta/doble-factor", new() { ["Code"] = Totp(key) }, "/cuenta/doble-factor?handler=Activar");
        var onPage = await on.Content.ReadAsStringAsync(Ct);
        var recovery = RecoveryPattern().Matches(onPage).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(8, recovery.Length);
        Assert.Equal(8, recovery.Length);

        var browser = PanelSession.Anonymous(app);
        var first = await browser.PostFormAsync("/cuenta/ingresar", new() { ["Input.Email"] = "admin@optica.ec", ["Input.Password"] = "una-clave-bastante-larga" });
        Assert.StartsWith("/cuenta/ingresar-codigo", first.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/correos")).StatusCode);

        var second = await browser.PostFormAsync("/cuenta/ingresar-codigo", new() { ["Code"] = Totp(key) });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/correos")).StatusCode);

        var other = PanelSession.Anonymous(app);
        await other.PostFormAsync("/cuenta/ingresar", new() { ["Input.Email"] = "admin@optica.ec", ["Input.Password"] = "una-clave-bastante-larga" });
        var byRecovery = await other.PostFormAsync("/cuenta/ingresar-codigo", new() { ["Code"] = recovery[0].Trim() });
        Assert.Equal(HttpStatusCode.Redirect, byRecovery.StatusCode);
    }

    [Fact]
    public async Task The_page_shows_a_qr_code_that_holds_the_same_key()
    {
        await using var app = new CarteroAppFactory();
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);
        var setup = await admin.GetStringAsync("/cuenta/doble-factor");
        var key = KeyPattern().Match(setup).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        var png = Convert.FromBase64String(WebUtility.HtmlDecode(QrPattern().Match(setup).Groups[1].Value));

        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        var gray = new byte[bitmap.Width * bitmap.Height];
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                gray[(y * bitmap.Width) + x] = (byte)((c.Red + c.Green + c.Blue) / 3);
            }
        }

        var decoded = new ZXing.QrCode.QRCodeReader().decode(new ZXing.BinaryBitmap(new ZXing.Common.HybridBinarizer(
            new ZXing.RGBLuminanceSource(gray, bitmap.Width, bitmap.Height, ZXing.RGBLuminanceSource.BitmapFormat.Gray8))));

        Assert.NotNull(decoded);
        Assert.StartsWith("otpauth://totp/Cartero:admin%40optica.ec?", decoded.Text, StringComparison.Ordinal);
        Assert.Contains($"secret={key}&", decoded.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("alt=\"Código QR", setup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turning_it_on_new_recovery_codes_and_turning_it_off_are_audited_without_the_key_or_the_codes()
    {
        await using var app = new CarteroAppFactory();
        var user = await PanelSession.SignInAsync(app, CarteroRoles.Gerente);
        var key = KeyPattern().Match(await user.GetStringAsync("/cuenta/doble-factor")).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        var on = await user.PostFormAsync("/cuenta/doble-factor", new() { ["Code"] = Totp(key) }, "/cuenta/doble-factor?handler=Activar");
        var first = RecoveryPattern().Matches(await on.Content.ReadAsStringAsync(Ct)).Select(m => m.Groups[1].Value).ToArray();

        var renewed = await user.PostFormAsync("/cuenta/doble-factor", [], "/cuenta/doble-factor?handler=Regenerar");
        var renewedPage = await renewed.Content.ReadAsStringAsync(Ct);
        var second = RecoveryPattern().Matches(renewedPage).Select(m => m.Groups[1].Value).ToArray();
        Assert.Contains("Códigos de recuperación nuevos", renewedPage);
        Assert.Equal(8, second.Length);
        Assert.Empty(first.Intersect(second));

        var off = await user.PostFormAsync("/cuenta/doble-factor", [], "/cuenta/doble-factor?handler=Desactivar");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);

        var audit = await app.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Id).ToListAsync(Ct));
        var twoFactor = audit.Where(a => a.Action.Contains("doble_factor", StringComparison.Ordinal) || a.Action.Contains("recuperacion", StringComparison.Ordinal)).ToList();
        Assert.Equal(["activar_doble_factor", "regenerar_codigos_recuperacion", "desactivar_doble_factor"], twoFactor.Select(a => a.Action));
        Assert.All(twoFactor, a => Assert.Equal("gerente@optica.ec", a.Target));
        var details = string.Join("\n", audit.Select(a => a.Details ?? ""));
        Assert.DoesNotContain(key, details, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(first.Concat(second), c => details.Contains(c, StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_required_for_support_they_are_sent_to_turn_it_on_first()
    {
        await using var app = new CarteroAppFactory(settings: new Dictionary<string, string?> { ["Cartero:Panel:RequireTwoFactorFor"] = "admin,soporte" });
        var soporte = await PanelSession.SignInAsync(app, CarteroRoles.Soporte);
        var gerente = await PanelSession.SignInAsync(app, CarteroRoles.Gerente);

        var blocked = await soporte.GetAsync("/correos");
        Assert.Equal("/cuenta/doble-factor", blocked.Headers.Location?.OriginalString);
        Assert.Contains("Su rol exige verificación en dos pasos", await soporte.GetStringAsync("/cuenta/doble-factor"));
        Assert.Equal(HttpStatusCode.OK, (await gerente.GetAsync("/correos")).StatusCode);
    }

    [Fact]
    public async Task An_admin_requires_it_for_a_role_from_the_panel_and_the_change_is_audited()
    {
        await using var app = new CarteroAppFactory(settings: new Dictionary<string, string?> { ["Cartero:Panel:RequireTwoFactorFor"] = "optometrista" });
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);
        var soporte = await PanelSession.SignInAsync(app, CarteroRoles.Soporte);
        var gerente = await PanelSession.SignInAsync(app, CarteroRoles.Gerente);
        Assert.Equal(HttpStatusCode.OK, (await soporte.GetAsync("/correos")).StatusCode);
        var first = WebUtility.HtmlDecode(await admin.GetStringAsync("/usuarios"));
        Assert.Contains("optometrista (fijado en la configuración del servidor)", first[first.IndexOf("doble-factor", StringComparison.Ordinal)..]);

        var saved = await admin.PostFormAsync("/usuarios", new() { ["rolesDobleFactor"] = CarteroRoles.Soporte }, "/usuarios?handler=DobleFactor");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/usuarios"));
        Assert.Contains("Verificación en dos pasos obligatoria para: soporte", page);
        Assert.Contains("Hoy 1 persona no lo tiene activado", page);

        var blocked = await soporte.GetAsync("/correos");
        Assert.Equal("/cuenta/doble-factor", blocked.Headers.Location?.OriginalString);
        Assert.Contains("Su rol exige verificación en dos pasos", await soporte.GetStringAsync("/cuenta/doble-factor"));
        Assert.Equal(HttpStatusCode.OK, (await gerente.GetAsync("/correos")).StatusCode);

        var audit = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "doble_factor_obligatorio", Ct));
        Assert.Equal("admin@optica.ec", audit.Actor);
        Assert.Contains("\"despues\":[\"soporte\"]", audit.Details);

        await admin.PostFormAsync("/usuarios", [], "/usuarios?handler=DobleFactor");
        Assert.Equal(HttpStatusCode.OK, (await soporte.GetAsync("/correos")).StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "doble_factor_obligatorio", Ct)));
    }

    /// <summary>RFC 6238 with the defaults authenticator apps use: SHA-1, 30-second steps, 6 digits.</summary>
    internal static string Totp(string base32)
    {
        var key = Base32(base32);
        var counter = BitConverter.GetBytes(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0F;
        var value = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6");
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var buffer = 0;
        var output = new List<byte>();
        foreach (var c in text.ToUpperInvariant().TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. output];
    }

    [GeneratedRegex("id=\"codigo-qr\" class=\"codigo-qr\" src=\"data:image/png;base64,([^\"]+)\"")]
    private static partial Regex QrPattern();

    [GeneratedRegex("<code id=\"clave-compartida\">([^<]+)</code>")]
    internal static partial Regex KeyPattern();

    [GeneratedRegex("<li><code>([A-Z0-9-]+)</code></li>")]
    internal static partial Regex RecoveryPattern();
}
