using System.Net;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Features.Tracking;
using Cartero.Platform.Auth;
using Cartero.Platform.Identity;
using Cartero.Platform.Web;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Features.Tracking;

/// <summary>
/// The reports waiting for their email are listed on the tracking page for admin and soporte: what arrived, when, why
/// it waits, the email's send attempts and when it will be dropped; an empty state when none waits; every other role is
/// refused and sees none of it. On both engines.
/// </summary>
public abstract class WaitingReportPageTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    private const string Page = "/configuracion/seguimiento";

    private Task<CarteroAppFactory> AppAsync() =>
        NewAppAsync(new Dictionary<string, string?> { ["Cartero:Tracking:WaitingReportInterval"] = "01:00:00" });

    /// <summary>An email in <c>reintento</c> after one attempt, and a bounce from the mailbox that arrived for it meanwhile.</summary>
    private static async Task<(Guid Id, DateTime NextAttempt, DateTime ReceivedAt)> WaitingBounceAsync(CarteroAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (entry, _) = await scope.ServiceProvider.GetRequiredService<EmailEnqueuer>().EnqueueAsync(new EnqueueEmailRequest
        {
            Type = "comprobante", To = new EmailRecipient("espera.rebote@correo.ec"), Subject = "Comprobante 001-001-000000042", Text = "t",
        }, new RequestActor("vendedor@optica.ec", null, false), EmailOrigin.Manual, Ct);
        var next = new DateTime(2026, 12, 1, 21, 30, 0, DateTimeKind.Utc);
        var machine = app.Services.GetRequiredService<EmailStateMachine>();
        await app.WithDbAsync(async db =>
        {
            var row = await db.Emails.SingleAsync(e => e.Id == entry.Id, Ct);
            machine.Transition(row, EmailStatus.Enviando, new TransitionDetail());
            machine.Transition(row, EmailStatus.Reintento, new TransitionDetail("451 4.7.1 Greylisted, try again later", 451, "smtp"));
            row.Attempts = 1;
            row.NextAttemptAt = next;
            await db.SaveChangesAsync(Ct);
        });
        var result = await DeliveryReportApplierTests.ApplyAsync(app, new DeliveryReport(DeliveryReportKind.BouncedHard,
            new DateTime(2026, 12, 1, 20, 0, 0, DateTimeKind.Utc), DeliveryReportSource.Dsn, EmailId: entry.Id, StatusCode: "5.1.1",
            ServerText: "550 5.1.1 <espera.rebote@correo.ec>: Recipient address rejected: User unknown"));
        Assert.Equal(DeliveryReportOutcome.NotSentYet, result.Outcome);
        var receivedAt = await app.WithDbAsync(db => db.WaitingReports.Select(w => w.ReceivedAt).SingleAsync(Ct));
        return (entry.Id, next, receivedAt);
    }

    private static string Section(string page) => page[page.IndexOf("id=\"reportes-en-espera\"", StringComparison.Ordinal)..];

    [Fact]
    public async Task Admin_and_soporte_see_what_waits_why_and_until_when()
    {
        var app = await AppAsync();
        var (id, next, receivedAt) = await WaitingBounceAsync(app);

        foreach (var role in new[] { CarteroRoles.Admin, CarteroRoles.Soporte })
        {
            var session = await PanelSession.SignInAsync(app, role);
            var section = Section(await session.GetStringAsync(Page));

            Assert.Contains($"href=\"/correos/{id}\">espera.rebote@correo.ec</a>", section);
            Assert.Contains("Rebote permanente según aviso de entrega (DSN)", section);
            Assert.Contains("Recipient address rejected: User unknown", section);
            Assert.Contains(EcuadorTime.Format(receivedAt), section);
            Assert.Contains($"El correo espera un nuevo intento ({EcuadorTime.Format(next)})", section);
            Assert.Contains("<td>1</td>", section);
            // Dropped after the configured wait (seven days by default).
            Assert.Contains(EcuadorTime.Format(receivedAt.AddDays(7)), section);
            Assert.Contains("tabindex=\"0\"", section);
            Assert.DoesNotContain("No hay reportes en espera", section);
        }
    }

    [Fact]
    public async Task Every_other_role_is_refused_and_sees_none_of_it()
    {
        var app = await AppAsync();
        await WaitingBounceAsync(app);

        foreach (var role in new[] { CarteroRoles.Gerente, CarteroRoles.Vendedor, CarteroRoles.Optometrista, CarteroRoles.Cliente })
        {
            var session = await PanelSession.SignInAsync(app, role);
            using var response = await session.GetAsync(Page);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/cuenta/acceso-denegado", response.Headers.Location?.ToString());
            Assert.DoesNotContain("espera.rebote@correo.ec", await response.Content.ReadAsStringAsync(Ct));
        }

        using var anonymous = await PanelSession.Anonymous(app).GetAsync(Page);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/cuenta/ingresar", anonymous.Headers.Location?.ToString());
    }

    [Fact]
    public async Task With_nothing_waiting_the_section_says_so_and_an_applied_report_leaves_it()
    {
        var app = await AppAsync();
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);
        Assert.Contains("No hay reportes en espera", Section(await admin.GetStringAsync(Page)));

        var (id, _, _) = await WaitingBounceAsync(app);
        Assert.DoesNotContain("No hay reportes en espera", Section(await admin.GetStringAsync(Page)));
        var machine = app.Services.GetRequiredService<EmailStateMachine>();
        await app.WithDbAsync(async db =>
        {
            var row = await db.Emails.SingleAsync(e => e.Id == id, Ct);
            machine.Transition(row, EmailStatus.Enviando, new TransitionDetail());
            machine.Transition(row, EmailStatus.Enviado, new TransitionDetail("250 2.0.0 Ok: queued as 4XyZ", 250, "smtp"));
            await db.SaveChangesAsync(Ct);
        });
        Assert.Equal(new WaitingReportPassResult(1, 0), await app.Services.GetRequiredService<WaitingReportPass>().RunOnceAsync(Ct));

        var section = Section(await admin.GetStringAsync(Page));
        Assert.Contains("No hay reportes en espera", section);
        Assert.DoesNotContain("espera.rebote@correo.ec", section);
    }
}

public sealed class SqliteWaitingReportPageTests() : WaitingReportPageTests(null);

public sealed class PostgresWaitingReportPageTests(PostgresCluster postgres) : WaitingReportPageTests(postgres);
