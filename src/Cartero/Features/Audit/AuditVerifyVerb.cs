using Cartero.Platform.Cli;

namespace Cartero.Features.Audit;

/// <summary><c>audit verify</c>: walks the whole chain; exit 0 when intact, 1 with the first broken row.</summary>
internal sealed class AuditVerifyVerb(IAuditTrail audit) : ICliVerb
{
    public IReadOnlyList<string> Words { get; } = ["audit", "verify"];

    public string Usage => "audit verify   comprueba la cadena de hashes de log_auditoria";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var result = await audit.VerifyAsync(cancellationToken);
        if (result.Valid)
        {
            await output.WriteLineAsync($"Registro de auditoría íntegro: {result.RowsChecked} filas verificadas.");
            return 0;
        }

        await error.WriteLineAsync($"Registro de auditoría ALTERADO en la fila {result.FirstBrokenId}: {result.Problem}");
        return 1;
    }
}
