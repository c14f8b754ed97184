using System.Net;
using System.Text.Json.Nodes;
using Cartero.Features.Templates;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Pages;

/// <summary>The business name comes from a panel setting an admin edits (audited): the layout and the templates' <c>empresa</c> use it.</summary>
public sealed class BrandSettingTests() : AppTestBase(null)
{
    [Fact]
    public async Task An_admin_names_the_business_and_the_panel_and_the_emails_show_it()
    {
        var app = await NewAppAsync();
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);
        Assert.Contains("href=\"/configuracion/marca\">Nombre del negocio</a>", await admin.GetStringAsync("/correos"));

        var saved = await admin.PostFormAsync("/configuracion/marca", new() { ["Nombre"] = "Óptica Visión Clara" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var home = await admin.GetStringAsync("/correos");
        Assert.Contains("<a class=\"marca\" href=\"/\">Óptica Visión Clara", home);
        Assert.Contains("· Óptica Visión Clara</title>", home);
        var rendered = app.Services.GetRequiredService<IEmailTemplates>().Render("prueba", new JsonObject
        {
            ["proveedor"] = "smtp", ["remitente"] = "notificaciones@optica.ec", ["solicitado_por"] = "admin@optica.ec",
        });
        Assert.Equal("Prueba de envío de Óptica Visión Clara (smtp)", rendered.Subject);
        Assert.Contains("Óptica Visión Clara", rendered.Html);
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "cambiar_marca", Ct));
        Assert.Equal("admin@optica.ec", audit.Actor);
        Assert.Contains("Óptica Visión Clara", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blank_name_is_a_field_error_and_only_admins_may_change_it()
    {
        var app = await NewAppAsync();
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);

        var blank = await admin.PostFormAsync("/configuracion/marca", new() { ["Nombre"] = "   " });

        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        Assert.Contains("Escriba el nombre del negocio", await blank.Content.ReadAsStringAsync(Ct));
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "cambiar_marca", Ct)));
        var soporte = await PanelSession.SignInAsync(app, CarteroRoles.Soporte);
        var denied = await soporte.GetAsync("/configuracion/marca");
        Assert.StartsWith("http://localhost/cuenta/acceso-denegado", denied.Headers.Location!.ToString());
    }
}
