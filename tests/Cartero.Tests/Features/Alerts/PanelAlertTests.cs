using System.Net;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Platform.Auth;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Features.Alerts;

public sealed class PanelAlertTests : IAsyncLifetime
{
    private readonly CarteroAppFactory _app = new(settings: new Dictionary<string, string?>
    {
        ["Cartero:Alerts:MinimumVolume"] = "4",
        ["Cartero:Alerts:FailureRateThreshold"] = "0.5",
    });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Enqueues as <paramref name="originator"/> (the way a panel user's send is recorded) and optionally fails it.</summary>
    private async Task<Guid> SendAsync(string originator, bool fail)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var enqueuer = scope.ServiceProvider.GetRequiredService<EmailEnqueuer>();
        var (entry, _) = await enqueuer.EnqueueAsync(new EnqueueEmailRequest
        {
            Type = "aviso_administrativo", To = new EmailRecipient("cliente@correo.ec"), Subject = "Factura 001-001-000000077", Text = "t",
        }, new RequestActor(originator, null, false), EmailOrigin.Manual, Ct);
        if (fail)
        {
            var machine = _app.Services.GetRequiredService<EmailStateMachine>();
            await _app.WithDbAsync(async db =>
            {
                var row = await db.Emails.SingleAsync(e => e.Id == entry.Id, Ct);
                machine.Transition(row, EmailStatus.Enviando, new TransitionDetail());
                machine.Transition(row, EmailStatus.Fallido, new TransitionDetail("550 5.1.1 buzón inexistente", 550));
                row.LastError = "550 5.1.1 buzón inexistente";
                row.LastAttemptAt = DateTime.UtcNow;
                await db.SaveChangesAsync(Ct);
            });
        }
        else
        {
            await _app.WithDbAsync(db => db.Emails.Where(e => e.Id == entry.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.LastAttemptAt, DateTime.UtcNow), Ct));
        }

        return entry.Id;
    }

    [Fact]
    public async Task The_originator_sees_their_failure_on_any_page_until_they_acknowledge_it()
    {
        var soporte = await PanelSession.SignInAsync(_app, CarteroRoles.Soporte);
        var failed = await SendAsync("soporte@optica.ec", fail: true);
        await SendAsync("otra.persona@optica.ec", fail: true);

        var page = await soporte.GetStringAsync("/correos");
        Assert.Contains("Un correo que usted pidió no se pudo enviar", page);
        Assert.Contains($"/correos/{failed}", page);
        Assert.Contains("550 5.1.1 buzón inexistente", page);

        var ack = await soporte.PostFormAsync("/correos", [], "/avisos/entendido");
        Assert.Equal(HttpStatusCode.Redirect, ack.StatusCode);
        Assert.DoesNotContain("no se pudo enviar", await soporte.GetStringAsync("/correos"));
    }

    [Fact]
    public async Task Admins_see_a_banner_when_the_last_hour_fails_above_the_threshold()
    {
        var admin = await PanelSession.SignInAsync(_app, CarteroRoles.Admin);
        await SendAsync("erp", fail: true);
        await SendAsync("erp", fail: false);
        await SendAsync("erp", fail: false);
        Assert.DoesNotContain("En la última hora fallaron", await admin.GetStringAsync("/correos"));

        await SendAsync("erp", fail: true);
        await SendAsync("erp", fail: true);
        var page = await admin.GetStringAsync("/correos");
        Assert.Contains("En la última hora fallaron 3 de 5 envíos", page);

        var gerente = await PanelSession.SignInAsync(_app, CarteroRoles.Gerente);
        Assert.DoesNotContain("En la última hora fallaron", await gerente.GetStringAsync("/correos"));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
