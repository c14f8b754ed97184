using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Sending;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;

namespace Cartero.Tests.Platform.Auth;

/// <summary>A seller and an optometrist see and retry, through the API with their cookie, only the mail they originated.</summary>
public sealed class MailScopeTests : IAsyncLifetime
{
    private readonly CarteroAppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(CarteroRoles.Vendedor)]
    [InlineData(CarteroRoles.Optometrista)]
    public async Task Only_their_own_mail_is_listed_opened_and_retried(string role)
    {
        var email = $"{role}@optica.ec";
        var own = await _app.AddFailedEmailAsync(email);
        var other = await _app.AddFailedEmailAsync("otro-vendedor@optica.ec");
        var session = await PanelSession.SignInAsync(_app, role, email);

        var page = await session.Client.GetFromJsonAsync<JsonObject>("/api/v1/emails?originatedBy=otro-vendedor@optica.ec", Ct);
        var ids = page!["items"]!.AsArray().Select(i => (Guid)i!["id"]!).ToList();
        Assert.Equal([own], ids);

        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync($"/api/v1/emails/{own}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/api/v1/emails/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.PostAsync($"/api/v1/emails/{other}/retry", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await session.Client.PostAsync($"/api/v1/emails/{own}/retry", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync("/api/v1/emails/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync("/api/v1/invoices/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.Client.PostAsJsonAsync("/api/v1/emails", new JsonObject(), Ct)).StatusCode);
        var stillFailed = await _app.WithDbAsync(db => Task.FromResult(db.Emails.Single(e => e.Id == other).Status));
        Assert.Equal(EmailStatus.Fallido, stillFailed);
    }

    [Fact]
    public async Task A_manager_sees_the_whole_log()
    {
        var a = await _app.AddFailedEmailAsync("vendedor@optica.ec");
        var b = await _app.AddFailedEmailAsync("otro@optica.ec");
        var session = await PanelSession.SignInAsync(_app, CarteroRoles.Gerente);

        var page = await session.Client.GetFromJsonAsync<JsonObject>("/api/v1/emails", Ct);

        Assert.Equal([a, b], page!["items"]!.AsArray().Select(i => (Guid)i!["id"]!).Order());
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
