using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Cartero.BrowserTests.BrowserFixture))]

namespace Cartero.BrowserTests;

/// <summary>One headless Debian Chromium for the whole run, driven by Playwright's bundled driver.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Screenshots of the main pages go to docs/screenshots/ when CARTERO_SCREENSHOTS=1.</summary>
    public static bool SaveScreenshots => Environment.GetEnvironmentVariable("CARTERO_SCREENSHOTS") == "1";

    public async ValueTask InitializeAsync()
    {
        const string chromium = "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException("Falta Chromium (/usr/bin/chromium): ejecute scripts/install-test-deps.sh.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
