using Cartero.Features.Providers;
using Cartero.Features.Providers.Pickup;
using MimeKit;

namespace Cartero.Tests.Features.Providers;

public sealed class PickupProviderTests
{
    [Fact]
    public async Task Each_message_becomes_a_complete_eml_file_named_after_its_log_id()
    {
        var folder = Directory.CreateTempSubdirectory("cartero-outbox-").FullName;
        var account = new MailAccount { Provider = "pickup", From = new EmailAddress("cartero@localhost"), PickupDirectory = folder };
        var id = Guid.CreateVersion7();
        var email = new OutgoingEmail(id, $"{id:N}@cartero.test", new EmailAddress("ana@correo.ec"), [], [], "Alerta de stock: lente 1.67",
            "<p>Quedan 2</p>", "Quedan 2", [], "alerta_stock");
        await using var session = await new PickupEmailProvider(TimeProvider.System).OpenSessionAsync(account, TestContext.Current.CancellationToken);

        var result = await session.SendAsync(email, TestContext.Current.CancellationToken);

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        var file = Path.Combine(folder, $"{id}.eml");
        Assert.Equal([file], Directory.GetFiles(folder));
        var message = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
        Assert.Equal("Alerta de stock: lente 1.67", message.Subject);
        Assert.Equal(email.MessageId, message.MessageId);
        Assert.Equal(id.ToString(), message.Headers[MimeMessageFactory.LogIdHeader]);
        Assert.Equal("Quedan 2", message.TextBody?.Trim());
    }
}
