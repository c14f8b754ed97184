using System.Text.Json;
using Cartero.Features.Statistics;
using Cartero.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages;

/// <summary>Statistics of a period (default the last 30 days), as tables that work without JavaScript and as charts.</summary>
public sealed class EstadisticasModel(EmailStatisticsQuery query, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Desde { get; set; }
    [BindProperty(SupportsGet = true)] public string? Hasta { get; set; }

    public EmailStatistics? Stats { get; private set; }
    public string? Problem { get; private set; }
    public string ChartJson { get; private set; } = "{}";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(EcuadorTime.ToLocal(time.GetUtcNow().UtcDateTime));
        Desde ??= today.AddDays(-29).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Hasta ??= today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var errors = new Dictionary<string, string[]>();
        if (StatisticsPeriod.Parse(Desde, Hasta, today, "desde", "hasta", errors) is not { } period)
        {
            Problem = "Elija un período válido: " + string.Join(" ", errors.Values.SelectMany(e => e));
            return;
        }

        Stats = await query.ComputeAsync(period.First, period.Last, cancellationToken);
        ChartJson = JsonSerializer.Serialize(new
        {
            dias = Stats.PerDay.Select(d => d.Day.ToString("dd/MM", System.Globalization.CultureInfo.InvariantCulture)),
            enviados = Stats.PerDay.Select(d => d.Sent),
            fallidos = Stats.PerDay.Select(d => d.Failed),
            otros = Stats.PerDay.Select(d => d.Total - d.Sent - d.Failed),
            tipos = Stats.ByType.Keys.Select(CodeLabels.EmailType),
            porTipo = Stats.ByType.Values,
        });
    }

    public static string Percent(double rate) => rate.ToString("P1", EcuadorTime.Culture);
}
