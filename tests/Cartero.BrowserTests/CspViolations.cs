using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Cartero.BrowserTests;

/// <summary>
/// Collects every Content-Security-Policy violation Chromium reports on a page (and its frames): an init script
/// forwards the DOM's <c>securitypolicyviolation</c> events to the console, and Chromium's own "Refused to…"
/// messages are caught there too.
/// </summary>
public sealed class CspViolations
{
    private const string Marker = "CSP-VIOLATION";
    private readonly ConcurrentQueue<string> _seen = new();

    public static async Task<CspViolations> WatchAsync(IBrowserContext context, IPage page)
    {
        var watch = new CspViolations();
        await context.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => console.error('" + Marker + " ' + e.violatedDirective + ' ' + " +
            "(e.blockedURI || '') + ' ' + (e.sourceFile || location.href) + ':' + e.lineNumber));");
        page.Console += (_, message) =>
        {
            if (message.Text.Contains(Marker, StringComparison.Ordinal) || message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                watch._seen.Enqueue(message.Text);
            }
        };
        return watch;
    }

    public IReadOnlyList<string> Seen => [.. _seen];

    public void Clear() => _seen.Clear();

    public void AssertNone(string where) =>
        Assert.True(_seen.IsEmpty, $"{where}: el navegador informó violaciones de la política de contenido: {string.Join(" | ", _seen)}");
}
