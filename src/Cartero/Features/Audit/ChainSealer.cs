using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Audit;

/// <summary>
/// Once, at the first start after the upgrade to keyed chains: rows written before (unkeyed audit rows, events without a
/// hash) are kept as they are and closed by one signed audit row that counts them (<see cref="ChainSeal"/>). Never again
/// once a checkpoint exists: an unkeyed row appearing after that is an alteration, not an old row.
/// </summary>
public sealed partial class ChainSealer(CarteroDbContext db, IAuditTrail audit, ChainCheckpointStore checkpoints, ILogger<ChainSealer> log)
{
    public async Task EnsureSealedAsync(CancellationToken cancellationToken)
    {
        if (!await HasUnsignedRowsAsync(cancellationToken)
            || await db.AuditEntries.AnyAsync(a => a.Action == ChainSeal.Action && a.KeyId != null, cancellationToken))
        {
            return;
        }

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await AuditTrail.LockChainAsync(db, cancellationToken);
        if (await db.AuditEntries.AnyAsync(a => a.Action == ChainSeal.Action && a.KeyId != null, cancellationToken))
        {
            return;
        }

        var seal = new ChainSeal(
            await db.AuditEntries.LongCountAsync(a => a.KeyId == null, cancellationToken),
            await db.InvoiceEvents.LongCountAsync(e => e.Hash == null, cancellationToken),
            await db.InvoiceEvents.Where(e => e.Hash == null).MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0,
            await db.EmailEvents.LongCountAsync(e => e.Hash == null, cancellationToken),
            await db.EmailEvents.Where(e => e.Hash == null).MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0);
        if (seal is { AuditRows: 0, InvoiceEvents: 0, EmailEvents: 0 })
        {
            return;
        }

        if ((await checkpoints.ReadAsync(cancellationToken)).Checkpoints.Count > 0)
        {
            LogUnsealedAfterCheckpoint(log, seal.AuditRows, seal.InvoiceEvents, seal.EmailEvents, checkpoints.FilePath);
            return;
        }

        await audit.RecordAsync(AuditRecord.Of("sistema", null, AuditAction.SealChains, "log_auditoria, factura_evento, log_envio_correo_evento", seal), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        LogSealed(log, seal.AuditRows, seal.InvoiceEvents, seal.EmailEvents);
    }

    /// <summary>
    /// Rows from before the keyed chain come first in id order, so looking at the oldest row of each table is enough
    /// (and cheap on every start); unsigned rows anywhere else are the verifier's business, not the seal's.
    /// </summary>
    private async Task<bool> HasUnsignedRowsAsync(CancellationToken cancellationToken) =>
        await db.AuditEntries.OrderBy(a => a.Id).Select(a => new { a.KeyId }).FirstOrDefaultAsync(cancellationToken) is { KeyId: null }
        || await db.InvoiceEvents.OrderBy(e => e.Id).Select(e => new { e.Hash }).FirstOrDefaultAsync(cancellationToken) is { Hash: null }
        || await db.EmailEvents.OrderBy(e => e.Id).Select(e => new { e.Hash }).FirstOrDefaultAsync(cancellationToken) is { Hash: null };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cadenas de integridad selladas: {AuditRows} filas de auditoría, {InvoiceEvents} eventos de factura y {EmailEvents} eventos de correo anteriores a la firma con clave quedan contados en la fila de sellado")]
    private static partial void LogSealed(ILogger logger, long auditRows, long invoiceEvents, long emailEvents);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Hay filas sin firmar ({AuditRows} de auditoría, {InvoiceEvents} eventos de factura, {EmailEvents} eventos de correo) y ningún sello, pero ya existen puntos de control en {File}: no se sellan porque pueden ser filas reescritas. Ejecute 'audit verify'")]
    private static partial void LogUnsealedAfterCheckpoint(ILogger logger, long auditRows, long invoiceEvents, long emailEvents, string file);
}
