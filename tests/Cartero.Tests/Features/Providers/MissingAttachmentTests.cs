using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Worker;
using Cartero.Features.Settings;
using Cartero.Platform.Secrets;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Features.Providers;

/// <summary>
/// An attachment deleted from the store fails that email only (<c>fallido</c>, Spanish reason), with every provider:
/// the circuit stays closed and the next email of the queue goes out.
/// </summary>
public sealed class MissingAttachmentTests() : AppTestBase(null)
{
    private const string Reason = "Falta el adjunto «RIDE-001-001-000000777.pdf» en el almacén de adjuntos; vuelva a enviar el correo con el archivo.";

    [Theory]
    [InlineData("pickup")]
    [InlineData("sendgrid")]
    [InlineData("smtp")]
    public async Task A_missing_attachment_fails_that_email_and_the_queue_goes_on(string provider)
    {
        await using var sendGrid = await SendGridFake.StartAsync();
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);

        // The emails are queued while no worker runs, the file is deleted, then a worker starts on the same data.
        var queuing = await NewAppAsync();
        await ConfigureAccountAsync(queuing, provider, sendGrid, smtp);
        var client = await queuing.CreateApiClientAsync();
        var broken = await EnqueueAsync(client, "ana@correo.ec", "%PDF-1.4\n% borrado\n"u8.ToArray());
        var next = await EnqueueAsync(client, "luis@correo.ec", null);
        var sha = await queuing.WithDbAsync(db => db.Emails.Where(e => e.Id == broken).Select(e => e.Attachments.Single().Sha256).SingleAsync(Ct));
        File.Delete(Directory.EnumerateFiles(Path.Combine(queuing.DataDirectory, "attachments"), sha, SearchOption.AllDirectories).Single());

        var sending = await NewAppAsync(new Dictionary<string, string?>
        {
            ["Cartero:Worker:Enabled"] = "true",
            ["Cartero:Worker:PollInterval"] = "00:00:00.100",
            ["Cartero:Worker:CircuitOpenFor"] = "00:05:00",
        }, dataDirectory: queuing.DataDirectory);

        var failed = await WaitForStatusAsync(sending, broken, EmailStatus.Fallido, EmailStatus.Enviado, EmailStatus.Reintento);
        var sent = await WaitForStatusAsync(sending, next, EmailStatus.Enviado, EmailStatus.Fallido);

        Assert.Equal(EmailStatus.Fallido, failed.Status);
        Assert.Equal(Reason, failed.LastError);
        Assert.Equal(EmailStatus.Enviado, sent.Status);
        Assert.Empty(sending.Services.GetRequiredService<AccountCircuitBreaker>().Snapshot());
        switch (provider)
        {
            case "pickup":
                Assert.Equal([$"{next}.eml"], Directory.GetFiles(Path.Combine(sending.DataDirectory, "outbox")).Select(Path.GetFileName));
                break;
            case "sendgrid":
                Assert.Single(sendGrid.Accepted);
                break;
            default:
                Assert.Single(await smtp.GetMessagesAsync(Ct));
                break;
        }
    }

    private static async Task ConfigureAccountAsync(CarteroAppFactory app, string provider, SendGridFake sendGrid, SmtpPeer smtp)
    {
        switch (provider)
        {
            case "smtp":
                await app.ConfigureSmtpAsync(smtp.Port);
                break;
            case "sendgrid":
                var protector = app.Services.GetRequiredService<ISecretProtector>();
                await app.WithDbAsync(async db =>
                {
                    var row = new MailAccountSettings
                    {
                        Provider = "sendgrid",
                        SendGridBaseUrl = sendGrid.BaseAddress.ToString(),
                        FromAddress = "facturas@optica.ec",
                        UpdatedAt = DateTime.UtcNow,
                        UpdatedBy = "test",
                        Version = 1,
                    };
                    row.ApiKeyEncrypted = protector.Protect(SendGridFake.ValidKey, MailSecretColumns.ApiKey.Purpose(row));
                    db.MailSettings.Add(row);
                    await db.SaveChangesAsync(Ct);
                });
                break;
        }
    }

    private static async Task<Guid> EnqueueAsync(HttpClient client, string to, byte[]? attachment)
    {
        var body = new JsonObject
        {
            ["type"] = "aviso_administrativo",
            ["to"] = new JsonObject { ["address"] = to, ["kind"] = "cliente" },
            ["subject"] = "Su factura electrónica",
            ["text"] = "Adjuntamos su factura.",
        };
        if (attachment is not null)
        {
            body["attachments"] = new JsonArray(new JsonObject
            {
                ["fileName"] = "RIDE-001-001-000000777.pdf", ["contentType"] = "application/pdf", ["contentBase64"] = Convert.ToBase64String(attachment),
            });
        }

        var response = await client.PostAsJsonAsync("/api/v1/emails", body, Ct);
        response.EnsureSuccessStatusCode();
        return Guid.Parse((string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!);
    }

    private static Task<EmailLogEntry> WaitForStatusAsync(CarteroAppFactory app, Guid id, params EmailStatus[] statuses) =>
        Eventually.WaitForAsync(
            () => app.WithDbAsync(db => db.Emails.AsNoTracking().SingleAsync(e => e.Id == id, Ct)),
            e => statuses.Contains(e.Status),
            $"el correo {id} llega a {string.Join("/", statuses)}");
}
