using System.Net;
using System.Net.Http.Headers;
using Cartero.Platform.Auth;
using Cartero.Platform.Cli;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Cartero.Tests.Platform.Auth;

public sealed class ApiKeyTests : IAsyncLifetime
{
    private readonly CarteroAppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliModule.RunAsync(_app.Services, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private HttpClient ClientWith(string key)
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    [Fact]
    public async Task A_created_key_is_printed_once_stored_as_a_hash_works_and_stops_working_when_revoked()
    {
        var (exit, output, _) = await RunAsync("apikey", "create", "--name", "erp");
        Assert.Equal(0, exit);
        var key = output.TrimEnd().Split('\n')[^1].Trim();
        Assert.StartsWith("crt_", key);

        var stored = await _app.WithDbAsync(db => db.ApiKeys.SingleAsync(k => k.Name == "erp", Ct));
        Assert.NotEqual(key, stored.Hash);
        Assert.DoesNotContain(key, stored.Hash + stored.Prefix + stored.Name);
        Assert.False(stored.IsAdmin);

        var erp = ClientWith(key);
        Assert.Equal(HttpStatusCode.OK, (await erp.GetAsync("/api/v1/emails", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await erp.GetAsync("/api/v1/settings/mail", Ct)).StatusCode);

        var list = await RunAsync("apikey", "list");
        Assert.Contains("erp", list.Output);
        Assert.DoesNotContain(key, list.Output);

        Assert.Equal(0, (await RunAsync("apikey", "revoke", "--name", "erp")).Exit);
        Assert.Equal(HttpStatusCode.Unauthorized, (await erp.GetAsync("/api/v1/emails", Ct)).StatusCode);

        var actions = await _app.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct));
        Assert.Equal(["crear_clave_api", "revocar_clave_api"], actions);
        var audit = await _app.WithDbAsync(db => db.AuditEntries.Select(a => a.Details ?? "").ToListAsync(Ct));
        Assert.DoesNotContain(audit, d => d.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public void A_lookup_already_under_way_when_the_key_is_revoked_cannot_cache_it_again()
    {
        var cache = new ApiKeyCache();
        var now = DateTime.UtcNow;
        var key = new ApiKey { Id = Guid.CreateVersion7(), Name = "erp", Prefix = "crt_abcd", Hash = new string('a', 64), CreatedAt = now, CreatedBy = "test" };
        cache.Put(key.Hash, key, now);

        cache.Forget(key.Hash, now);
        cache.Put(key.Hash, key, now);

        Assert.False(cache.TryGet(key.Hash, now, out _));
    }

    [Fact]
    public async Task A_key_revoked_by_another_instance_or_process_stops_within_the_revocation_check_interval()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new CarteroAppFactory().WithTime(time);
        var key = await app.CreateApiKeyAsync("pos-quito", admin: false);
        var pos = app.CreateClient();
        pos.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await pos.GetAsync("/api/v1/emails", Ct)).StatusCode);

        // What `apikey revoke` run as its own process, or another instance, does: only the database changes.
        await app.WithDbAsync(db => db.ApiKeys.Where(k => k.Name == "pos-quito").ExecuteUpdateAsync(u => u.SetProperty(k => k.RevokedAt, DateTime.UtcNow), Ct));
        time.Advance(ApiKeyCache.RevocationCheckInterval);

        Assert.Equal(HttpStatusCode.Unauthorized, (await pos.GetAsync("/api/v1/emails", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_key_revoked_from_the_panel_stops_at_once_on_this_instance()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new CarteroAppFactory().WithTime(time);
        var key = await app.CreateApiKeyAsync("erp-matriz", admin: false);
        var erp = app.CreateClient();
        erp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await erp.GetAsync("/api/v1/emails", Ct)).StatusCode);
        var admin = await PanelSession.SignInAsync(app, Cartero.Platform.Identity.CarteroRoles.Admin);

        var revoked = await admin.PostFormAsync("/claves-api", new() { ["name"] = "erp-matriz" }, "/claves-api?handler=Revocar");

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await erp.GetAsync("/api/v1/emails", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_admin_key_reaches_the_settings_and_bad_verbs_say_how_to_use_them()
    {
        var (_, output, _) = await RunAsync("apikey", "create", "--name", "operador", "--admin");
        var admin = ClientWith(output.TrimEnd().Split('\n')[^1].Trim());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/settings/mail", Ct)).StatusCode);

        Assert.Equal(2, (await RunAsync("apikey", "create")).Exit);
        Assert.Equal(1, (await RunAsync("apikey", "create", "--name", "operador")).Exit);
        var unknown = await RunAsync("nada");
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("apikey create", unknown.Error);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
