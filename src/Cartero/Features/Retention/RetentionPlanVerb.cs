using Cartero.Platform.Cli;
using Cartero.Platform.Data;
using Cartero.Platform.Web;

namespace Cartero.Features.Retention;

/// <summary><c>retention plan</c>: prints what the purge would remove now, without removing anything.</summary>
public sealed class RetentionPlanVerb(CarteroDbContext db, RetentionPlanner planner, TimeProvider time) : ICliVerb
{
    /// <summary>The most lines printed; the total is always printed.</summary>
    public const int Limit = 100_000;

    public IReadOnlyList<string> Words { get; } = ["retention", "plan"];

    public string Usage => "retention plan            muestra qué contenido depuraría hoy la retención, sin depurar nada";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var due = await planner.DueAsync(db, time.GetUtcNow().UtcDateTime, Limit, cancellationToken);
        await output.WriteLineAsync("id_correo\ttipo_correo\tfecha_hora\tvencio\tentidad");
        foreach (var d in due)
        {
            await output.WriteLineAsync($"{d.EmailId}\t{d.Type}\t{EcuadorTime.Format(d.RequestedAt)}\t{EcuadorTime.Format(d.DueAt)}\t{(d.EntityType is null ? "—" : $"{d.EntityType} {d.EntityId}")}");
        }

        await output.WriteLineAsync($"{due.Count} correos con contenido vencido (no se depuró nada).");
        return 0;
    }
}
