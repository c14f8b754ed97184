using System.Net;
using Cartero.Features.Providers;
using Cartero.Features.Providers.SendGrid;
using Cartero.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Features.Providers;

/// <summary>The SendGrid provider against the local fake of the v3 API, one documented answer at a time.</summary>
public sealed class SendGridProviderTests : IAsyncLifetime
{
    private SendGridFake _fake = null!;
    private ServiceProvider _services = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<SendResult> SendAsync(string to = "ana@correo.ec", string key = SendGridFake.ValidKey)
    {
        var account = new MailAccount
        {
            Provider = "sendgrid", ApiKey = key, SendGridBaseUrl = _fake.BaseAddress.ToString(),
            From = new EmailAddress("facturas@optica.ec", "Óptica Visión"),
        };
        var id = Guid.CreateVersion7();
        var email = new OutgoingEmail(id, $"{id:N}@cartero.test", new EmailAddress(to), [new EmailAddress("copia@optica.ec")], [],
            "Su pedido está listo", "<p>Listo</p>", "Listo",
            [new OutgoingAttachment("orden.pdf", "application/pdf", 4, "x", _ => Task.FromResult<Stream>(new MemoryStream("%PDF"u8.ToArray())))], "pedido");
        var provider = _services.GetServices<IEmailProvider>().Single(p => p.Kind == "sendgrid");
        await using var session = await provider.OpenSessionAsync(account, Ct);
        return await session.SendAsync(email, Ct);
    }

    [Fact]
    public async Task Accepted_202_keeps_the_message_id_and_sends_the_documented_body()
    {
        var result = await SendAsync();

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        Assert.Equal(202, result.Code);
        Assert.StartsWith("sg-", result.ProviderMessageId);
        var body = Assert.Single(_fake.Accepted);
        Assert.Equal("ana@correo.ec", (string?)body["personalizations"]![0]!["to"]![0]!["email"]);
        Assert.Equal("copia@optica.ec", (string?)body["personalizations"]![0]!["cc"]![0]!["email"]);
        Assert.Equal("text/plain", (string?)body["content"]![0]!["type"]);
        Assert.Equal("orden.pdf", (string?)body["attachments"]![0]!["filename"]);
        Assert.NotNull(body["custom_args"]!["cartero_id"]);
    }

    [Fact]
    public async Task Bad_request_400_is_permanent_with_the_error_list()
    {
        var result = await SendAsync(to: "invalido@correo.ec");
        Assert.Equal(SendOutcome.Permanent, result.Outcome);
        Assert.Equal(400, result.Code);
        Assert.Contains("personalizations.0.to.0.email: Does not contain a valid address.", result.Detail);
    }

    [Fact]
    public async Task Unauthorized_401_is_account_wide_and_hides_the_key()
    {
        var result = await SendAsync(key: "SG.una-clave-equivocada-123");
        Assert.Equal(SendOutcome.AccountFailure, result.Outcome);
        Assert.Equal(401, result.Code);
        Assert.DoesNotContain("una-clave-equivocada", result.Detail);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, SendOutcome.AccountFailure)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, SendOutcome.Permanent)]
    [InlineData(HttpStatusCode.InternalServerError, SendOutcome.Transient)]
    [InlineData(HttpStatusCode.ServiceUnavailable, SendOutcome.Transient)]
    public async Task Each_documented_answer_has_its_outcome(HttpStatusCode status, SendOutcome expected)
    {
        _fake.AnswerNextWith(status);
        var result = await SendAsync();
        Assert.Equal(expected, result.Outcome);
        Assert.Equal((int)status, result.Code);
    }

    [Fact]
    public async Task Too_many_requests_429_is_transient_and_says_how_long_to_wait()
    {
        _fake.AnswerNextWith(HttpStatusCode.TooManyRequests);
        var result = await SendAsync();
        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(120), result.RetryAfter);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_transient()
    {
        await _fake.DisposeAsync();
        var result = await SendAsync();
        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.Null(result.Code);
        _fake = await SendGridFake.StartAsync();
    }

    public async ValueTask InitializeAsync()
    {
        _fake = await SendGridFake.StartAsync();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddProviders();
        // The fake listens on loopback.
        services.Configure<OutboundHostOptions>(o => o.AllowPrivateNetworks = true);
        _services = services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _fake.DisposeAsync();
        await _services.DisposeAsync();
    }
}
