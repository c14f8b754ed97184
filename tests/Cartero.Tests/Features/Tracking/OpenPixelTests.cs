using System.Net;
using System.Text.RegularExpressions;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Features.Sending.Worker;
using Cartero.Platform.Auth;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Features.Tracking;

public abstract partial class OpenPixelTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    private const string PublicBase = "https://correo.optica.ec";

    private Task<CarteroAppFactory> PixelAppAsync() => NewAppAsync(new Dictionary<string, string?> { ["Cartero:Tracking:PublicBaseUrl"] = PublicBase });

    /// <summary>Enqueues an HTML email, records it as sent, and returns the HTML the provider would get.</summary>
    private static async Task<(Guid Id, string Html)> SentHtmlAsync(CarteroAppFactory app, string type)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (entry, _) = await scope.ServiceProvider.GetRequiredService<EmailEnqueuer>().EnqueueAsync(new EnqueueEmailRequest
        {
            Type = type, To = new EmailRecipient("cliente@correo.ec"), Subject = "Su pedido está listo", Html = "<html><body><p>Hola</p></body></html>",
        }, new RequestActor("erp", null, false), EmailOrigin.Api, Ct);
        var machine = app.Services.GetRequiredService<EmailStateMachine>();
        var html = await app.WithDbAsync(async db =>
        {
            var row = await db.Emails.Include(e => e.Content).SingleAsync(e => e.Id == entry.Id, Ct);
            var message = app.Services.GetRequiredService<OutgoingEmailFactory>().Create(row);
            machine.Transition(row, EmailStatus.Enviando, new TransitionDetail());
            machine.Transition(row, EmailStatus.Enviado, new TransitionDetail("250 2.0.0 Ok: queued as 4XyZ", 250, "smtp"));
            await db.SaveChangesAsync(Ct);
            return message.HtmlBody!;
        });
        return (entry.Id, html);
    }

    private static Task<List<EmailLogEvent>> EventsAsync(CarteroAppFactory app, Guid id) =>
        app.WithDbAsync(db => db.EmailEvents.Where(e => e.EmailId == id).OrderBy(e => e.Id).ToListAsync(Ct));

    [Fact]
    public async Task The_first_open_moves_the_email_to_abierto_once_and_repeated_loads_do_not_count_again()
    {
        var app = await PixelAppAsync();
        var (id, html) = await SentHtmlAsync(app, "pedido");
        var url = PixelUrl().Match(html);
        Assert.True(url.Success, html);
        Assert.EndsWith("</body></html>", html, StringComparison.Ordinal);
        var path = url.Groups[1].Value[PublicBase.Length..];
        var client = app.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            var image = await client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.Equal("image/gif", image.Content.Headers.ContentType!.MediaType);
        }

        Assert.Equal(EmailStatus.Abierto, await DeliveryReportApplierTests.StatusAsync(app, id));
        var opened = (await EventsAsync(app, id)).Where(e => e.Actor == "seguimiento:pixel").ToList();
        var open = Assert.Single(opened);
        Assert.Equal((EmailStatus.Abierto, EmailStatus.Enviado), (open.Status, open.PreviousStatus!.Value));
        Assert.Contains("aproximado", open.Detail);
    }

    [Fact]
    public async Task A_forged_or_altered_url_still_gets_an_image_and_changes_nothing()
    {
        var app = await PixelAppAsync();
        var (id, html) = await SentHtmlAsync(app, "pedido");
        var path = PixelUrl().Match(html).Groups[1].Value[PublicBase.Length..];
        var parts = path.Split('/');
        var mac = parts[^1];
        var forged = new[]
        {
            string.Join('/', parts[..^1]) + "/" + (mac[0] == 'A' ? 'B' : 'A') + mac[1..],
            path.Replace(id.ToString("N"), Guid.CreateVersion7().ToString("N"), StringComparison.Ordinal),
            string.Join('/', parts[..^2]) + "/20000101000000-abcdef/" + mac,
            string.Join('/', parts[..^1]) + "/" + new string('x', 500),
        };
        var client = app.CreateClient();
        var before = (await EventsAsync(app, id)).Count;
        foreach (var url in forged)
        {
            var response = await client.GetAsync(url, Ct);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{url}: {response.StatusCode}");
        }

        Assert.Equal(404, (int)(await client.GetAsync($"/t/a/no-es-guid/x/{mac}", Ct)).StatusCode);
        Assert.Equal(EmailStatus.Enviado, await DeliveryReportApplierTests.StatusAsync(app, id));
        Assert.Equal(before, (await EventsAsync(app, id)).Count);
        Assert.Equal(0, await app.WithDbAsync(db => db.DeliveryReports.CountAsync(Ct)));
    }

    [Fact]
    public async Task Clinical_and_password_recovery_mail_carry_no_pixel_by_default()
    {
        var app = await PixelAppAsync();
        Assert.DoesNotMatch(PixelUrl(), (await SentHtmlAsync(app, "notificacion_clinica")).Html);
        Assert.DoesNotMatch(PixelUrl(), (await SentHtmlAsync(app, "recuperacion_contrasena")).Html);
        Assert.Matches(PixelUrl(), (await SentHtmlAsync(app, "comprobante")).Html);
        var withoutBase = await NewAppAsync();
        Assert.DoesNotMatch(PixelUrl(), (await SentHtmlAsync(withoutBase, "comprobante")).Html);
    }

    [GeneratedRegex("<img src=\"(https://correo\\.optica\\.ec/t/a/[^\"]+)\" width=\"1\" height=\"1\"")]
    private static partial Regex PixelUrl();
}

public sealed class SqliteOpenPixelTests() : OpenPixelTests(null);

public sealed class PostgresOpenPixelTests(PostgresCluster postgres) : OpenPixelTests(postgres);
