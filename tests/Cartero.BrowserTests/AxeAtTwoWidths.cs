using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Cartero.BrowserTests;

/// <summary>Axe on the page as it is, at a desktop width (1280 px) and a phone width (390 px); no serious or critical finding at either.</summary>
internal static class AxeAtTwoWidths
{
    public static async Task AssertAsync(IPage page, CspViolations csp, string name)
    {
        csp.AssertNone(name);
        foreach (var (width, height) in new[] { (1280, 800), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            var results = await page.RunAxe(new AxeRunOptions { Iframes = false });
            var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(serious.Count == 0, $"{name} a {width} px: " + string.Join("; ", serious.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length})")));
        }

        await page.SetViewportSizeAsync(1280, 800);
    }
}
