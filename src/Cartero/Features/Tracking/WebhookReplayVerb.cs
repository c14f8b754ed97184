using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Platform.Cli;

namespace Cartero.Features.Tracking;

/// <summary><c>webhook replay &lt;id&gt;</c>: applies a stored batch again (after a fix); what it applied before is not applied twice.</summary>
internal sealed class WebhookReplayVerb(WebhookInbox inbox, IAuditTrail audit) : ICliVerb
{
    public IReadOnlyList<string> Words { get; } = ["webhook", "replay"];

    public string Usage => "webhook replay <id>   vuelve a aplicar un lote guardado del webhook de SendGrid (lo ya aplicado no se repite)";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (arguments.Count != 1 || !Guid.TryParse(arguments[0], out var id))
        {
            await error.WriteLineAsync("Uso: webhook replay <id>   (el id del lote está en Configuración → Seguimiento)");
            return 2;
        }

        if (await inbox.ApplyAsync(id, cancellationToken) is not { } result)
        {
            await error.WriteLineAsync($"No hay un lote verificado con id {id}.");
            return 1;
        }

        await audit.RecordAsync(AuditRecord.Of($"cli:{Environment.UserName}", null, AuditAction.ReplayWebhook, id.ToString(), new WebhookReplayDetails(result.Describe())), cancellationToken);
        await output.WriteLineAsync($"Lote {id} aplicado de nuevo: {result.Describe()}");
        return 0;
    }
}
