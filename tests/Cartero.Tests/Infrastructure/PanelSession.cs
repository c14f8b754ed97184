using System.Net;
using System.Text.RegularExpressions;
using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Infrastructure;

/// <summary>A browser-like HTTP session on the panel: cookies kept, redirects not followed, forms posted with their antiforgery token.</summary>
public sealed partial class PanelSession(HttpClient client)
{
    public HttpClient Client { get; } = client;

    public static PanelSession Anonymous(CarteroAppFactory app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Creates a user with <paramref name="role"/> (if not there) and signs in through the real sign-in form.</summary>
    public static async Task<PanelSession> SignInAsync(CarteroAppFactory app, string role, string? email = null, string? customerId = null)
    {
        email ??= $"{role}@optica.ec";
        const string password = "una-clave-bastante-larga";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CarteroUser>>();
            if (await users.FindByEmailAsync(email) is null)
            {
                var user = new CarteroUser
                {
                    Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true,
                    FullName = $"Usuario {role}", CustomerId = customerId, CreatedAt = DateTime.UtcNow,
                };
                var created = await users.CreateAsync(user, password);
                Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
                Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            }
        }

        var session = Anonymous(app);
        var response = await session.PostFormAsync("/cuenta/ingresar", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    /// <summary>GETs <paramref name="formPage"/>, reads its antiforgery token, and posts <paramref name="fields"/> to <paramref name="action"/> (default: the same page).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, Dictionary<string, string> fields, string? action = null)
    {
        var page = await Client.GetStringAsync(formPage, TestContext.Current.CancellationToken);
        var token = TokenPattern().Match(page);
        Assert.True(token.Success, $"La página {formPage} no tiene token antifalsificación");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await Client.PostAsync(action ?? formPage, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
    }

    /// <summary>Like <see cref="PostFormAsync"/>, as multipart/form-data with files (name → file name and bytes).</summary>
    public async Task<HttpResponseMessage> PostMultipartAsync(string formPage, Dictionary<string, string> fields, Dictionary<string, (string FileName, byte[] Content)> files)
    {
        var page = await Client.GetStringAsync(formPage, TestContext.Current.CancellationToken);
        var token = TokenPattern().Match(page);
        Assert.True(token.Success, $"La página {formPage} no tiene token antifalsificación");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken");
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (name, (fileName, bytes)) in files)
        {
            content.Add(new ByteArrayContent(bytes), name, fileName);
        }

        return await Client.PostAsync(formPage, content, TestContext.Current.CancellationToken);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(path, TestContext.Current.CancellationToken);

    public Task<string> GetStringAsync(string path) => Client.GetStringAsync(path, TestContext.Current.CancellationToken);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
