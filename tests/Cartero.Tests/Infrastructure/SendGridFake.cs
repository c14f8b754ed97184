using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cartero.Tests.Infrastructure;

/// <summary>
/// A local stand-in for SendGrid's v3 <c>POST /v3/mail/send</c>, answering as its documentation says:
/// 202 with <c>X-Message-Id</c>; 400 with an <c>errors</c> list for a bad body; 401 for a wrong key; and
/// scripted 403, 413, 429 (with <c>Retry-After</c> / <c>X-RateLimit-*</c>) and 5xx answers.
/// </summary>
public sealed class SendGridFake : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _scripted = new();

    private SendGridFake(WebApplication app) => _app = app;

    public const string ValidKey = "SG.clave-de-prueba.0123456789";

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<JsonObject> Accepted { get; } = new();

    /// <summary>The raw request body of every accepted message, byte for byte as it arrived.</summary>
    public ConcurrentQueue<byte[]> AcceptedBodies { get; } = new();

    /// <summary>The <c>Authorization</c> header of every request that reached the fake, accepted or not.</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    /// <summary>The next request gets this status instead of being processed.</summary>
    public void AnswerNextWith(HttpStatusCode status) => _scripted.Enqueue((int)status);

    public static async Task<SendGridFake> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new SendGridFake(app);
        app.MapPost("/v3/mail/send", (Func<HttpContext, Task<IResult>>)fake.HandleAsync);
        await app.StartAsync();
        fake.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return fake;
    }

    private async Task<IResult> HandleAsync(HttpContext http)
    {
        Authorizations.Enqueue(http.Request.Headers.Authorization.ToString());
        if (http.Request.Headers.Authorization != $"Bearer {ValidKey}")
        {
            return Errors(401, ("authorization required", null));
        }

        if (_scripted.TryDequeue(out var status))
        {
            switch (status)
            {
                case 403:
                    return Errors(403, ("The from address does not match a verified Sender Identity.", "from"));
                case 413:
                    return Results.Json(new { errors = new[] { new { message = "Payload Too Large", field = (string?)null } } }, statusCode: 413);
                case 429:
                    http.Response.Headers.RetryAfter = "120";
                    http.Response.Headers["X-RateLimit-Limit"] = "600";
                    http.Response.Headers["X-RateLimit-Remaining"] = "0";
                    http.Response.Headers["X-RateLimit-Reset"] = DateTimeOffset.UtcNow.AddSeconds(120).ToUnixTimeSeconds().ToString();
                    return Errors(429, ("too many requests", null));
                default:
                    return Results.Text("Internal Server Error", statusCode: status);
            }
        }

        using var raw = new MemoryStream();
        await http.Request.Body.CopyToAsync(raw);
        var bytes = raw.ToArray();
        var body = JsonNode.Parse(bytes) as JsonObject;
        var problems = new List<(string, string?)>();
        if (body?["personalizations"] is not JsonArray { Count: > 0 } personalizations || personalizations[0]?["to"] is not JsonArray { Count: > 0 })
        {
            problems.Add(("The personalizations field is required and must have at least one personalization.", "personalizations"));
        }

        if (body?["from"]?["email"] is null)
        {
            problems.Add(("The from object must be provided for every email send.", "from"));
        }

        if (string.IsNullOrEmpty((string?)body?["subject"]))
        {
            problems.Add(("The subject is required.", "subject"));
        }

        if (body?["content"] is not JsonArray { Count: > 0 })
        {
            problems.Add(("Unless a valid template_id is provided, the content parameter is required.", "content"));
        }

        foreach (var to in (body?["personalizations"]?[0]?["to"] as JsonArray) ?? [])
        {
            if (!((string?)to?["email"] ?? "").Contains('@') || ((string?)to?["email"])!.StartsWith("invalido", StringComparison.Ordinal))
            {
                problems.Add(("Does not contain a valid address.", "personalizations.0.to.0.email"));
            }
        }

        if (problems.Count > 0)
        {
            return Errors(400, [.. problems]);
        }

        Accepted.Enqueue(body!);
        AcceptedBodies.Enqueue(bytes);
        http.Response.Headers["X-Message-Id"] = "sg-" + Guid.NewGuid().ToString("N")[..16];
        return Results.StatusCode(202);
    }

    private static IResult Errors(int status, params (string Message, string? Field)[] errors) =>
        Results.Json(new { errors = errors.Select(e => new { message = e.Message, field = e.Field, help = (string?)null }) }, statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
