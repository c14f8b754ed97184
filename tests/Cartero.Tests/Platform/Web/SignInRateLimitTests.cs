using System.Net;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;

namespace Cartero.Tests.Platform.Web;

/// <summary>
/// The sign-in limit is per address and account, so staff behind one NAT address are not blocked together, while
/// one address trying many accounts still meets a higher ceiling per address.
/// </summary>
public sealed class SignInRateLimitTests() : AppTestBase(null)
{
    private static Task<HttpResponseMessage> TryAsync(PanelSession browser, string email, string password = "no-es-la-clave-correcta") =>
        browser.PostFormAsync("/cuenta/ingresar", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    [Fact]
    public async Task One_persons_failures_do_not_block_a_colleague_on_the_same_address()
    {
        var app = await NewAppAsync(new Dictionary<string, string?>
        {
            ["Cartero:Panel:SignInAttemptsPerMinute"] = "3", ["Cartero:Panel:SignInAttemptsPerMinutePerAddress"] = "50",
        });
        await PanelSession.SignInAsync(app, CarteroRoles.Vendedor, "ana@optica.ec");
        var browser = PanelSession.Anonymous(app);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await TryAsync(browser, "luis@optica.ec")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await TryAsync(browser, "luis@optica.ec")).StatusCode);
        // Case and spaces do not make a new account.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TryAsync(browser, " LUIS@optica.ec ")).StatusCode);

        var colleague = await TryAsync(PanelSession.Anonymous(app), "ana@optica.ec", "una-clave-bastante-larga");
        Assert.Equal(HttpStatusCode.Redirect, colleague.StatusCode);
    }

    [Fact]
    public async Task A_spray_across_accounts_from_one_address_meets_the_per_address_ceiling()
    {
        var app = await NewAppAsync(new Dictionary<string, string?>
        {
            ["Cartero:Panel:SignInAttemptsPerMinute"] = "3", ["Cartero:Panel:SignInAttemptsPerMinutePerAddress"] = "5",
        });
        var browser = PanelSession.Anonymous(app);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await TryAsync(browser, $"persona{i}@optica.ec")).StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests], statuses);
    }
}
