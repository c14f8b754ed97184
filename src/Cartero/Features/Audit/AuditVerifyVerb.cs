using Cartero.Platform.Cli;

namespace Cartero.Features.Audit;

/// <summary><c>audit verify</c>: walks every chained table and compares it with the checkpoints; exit 0 when intact, 1 naming the first broken row of each table.</summary>
internal sealed class AuditVerifyVerb(ChainIntegrity integrity) : ICliVerb
{
    public IReadOnlyList<string> Words { get; } = ["audit", "verify"];

    public string Usage => "audit verify   comprueba las cadenas de log_auditoria, factura_evento, log_envio_correo_evento y nota_credito_evento y los puntos de control";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var report = await integrity.VerifyAsync(cancellationToken);
        foreach (var table in report.Tables)
        {
            if (table.Valid)
            {
                await output.WriteLineAsync($"{table.Table}: íntegro, {table.RowsChecked} filas verificadas.");
            }
            else
            {
                var where = table.FirstBrokenId is { } id ? $" en la fila {id}" : "";
                await error.WriteLineAsync($"{table.Table}: ALTERADO{where} ({table.RowsChecked} filas verificadas antes): {table.Problem}");
            }
        }

        await output.WriteLineAsync(report.CheckpointAt is { } at
            ? $"Comparado con el punto de control del {AuditTrail.Local(at)} en {report.CheckpointFile}."
            : $"No hay puntos de control en {report.CheckpointFile}: solo se comprobaron las firmas.");
        if (!report.Valid)
        {
            await error.WriteLineAsync("Registro ALTERADO: compare con un respaldo y con la copia del registro de puntos de control fuera de este equipo.");
            return 1;
        }

        return 0;
    }
}
