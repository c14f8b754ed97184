using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Audit;

/// <summary>
/// Takes a checkpoint of the chains (audit rows and head; invoices, emails and notas de crédito with their chained events,
/// up to the newest id) and writes it to the checkpoint log and, as a structured line, to the app's log.
/// </summary>
public sealed partial class ChainCheckpointWriter(CarteroDbContext db, ChainKeys keys, ChainCheckpointStore store, TimeProvider time, ILogger<ChainCheckpointWriter> log)
{
    public async Task<ChainCheckpoint> WriteAsync(CancellationToken cancellationToken)
    {
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Select(a => new { a.Id, a.Hash }).FirstOrDefaultAsync(cancellationToken);
        var invoicesUpTo = await db.Invoices.OrderByDescending(i => i.Id).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(cancellationToken);
        var emailsUpTo = await db.Emails.OrderByDescending(e => e.Id).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(cancellationToken);
        var notesUpTo = await db.CreditNotes.OrderByDescending(n => n.Id).Select(n => (Guid?)n.Id).FirstOrDefaultAsync(cancellationToken);
        var invoices = await CountAsync(db, "factura", invoicesUpTo, cancellationToken);
        var emails = await CountAsync(db, "log_envio_correo", emailsUpTo, cancellationToken);
        var notes = await CountAsync(db, "nota_credito", notesUpTo, cancellationToken);

        var previous = (await store.ReadAsync(cancellationToken)).Checkpoints.LastOrDefault();
        var shrunk = previous is null ? null : await ShrunkSinceAsync(previous, head?.Id ?? 0, cancellationToken);

        var (keyId, key) = keys.Current;
        var checkpoint = new ChainCheckpoint(ChainMac.Truncate(time.GetUtcNow().UtcDateTime), keyId, head?.Id ?? 0, head?.Hash ?? ChainMac.Genesis, invoices, emails, shrunk, "", notes);
        checkpoint = checkpoint with { Mac = checkpoint.ComputeMac(key) };
        await store.AppendAsync(checkpoint, cancellationToken);
        LogCheckpoint(log, checkpoint.AuditRows, checkpoint.AuditHead, checkpoint.Invoices.Parents, checkpoint.Invoices.Events,
            checkpoint.Emails.Parents, checkpoint.Emails.Events, notes.Parents, notes.Events, keyId, store.FilePath);
        if (shrunk is not null)
        {
            LogShrunk(log, shrunk);
        }

        return checkpoint;
    }

    /// <summary>Of the parents up to <paramref name="upTo"/>: how many, and the sum of their chain lengths (checked against their events by <c>audit verify</c>).</summary>
    internal static async Task<ParentChainCount> CountAsync(CarteroDbContext db, string table, Guid? upTo, CancellationToken cancellationToken)
    {
        if (upTo is not { } last)
        {
            return new ParentChainCount(null, 0, 0);
        }

        // The bound is a parameter converted as the engine stores ids (text on SQLite, uuid on PostgreSQL).
        var sql = table switch
        {
            "factura" => InvoiceTotals,
            "nota_credito" => CreditNoteTotals,
            _ => EmailTotals,
        };
        var totals = await db.Database.SqlQueryRaw<ParentTotals>(sql, ParameterFor(db, table, last))
            .SingleAsync(cancellationToken);
        return new ParentChainCount(last.ToString(), totals.Parents, totals.Events);
    }

    private const string InvoiceTotals = "SELECT COUNT(*) AS \"Parents\", COALESCE(SUM(eventos_cantidad), 0) AS \"Events\" FROM factura WHERE id <= @p0";
    private const string CreditNoteTotals = "SELECT COUNT(*) AS \"Parents\", COALESCE(SUM(eventos_cantidad), 0) AS \"Events\" FROM nota_credito WHERE id <= @p0";
    private const string EmailTotals = "SELECT COUNT(*) AS \"Parents\", COALESCE(SUM(eventos_cantidad), 0) AS \"Events\" FROM log_envio_correo WHERE id <= @p0";

    private static object ParameterFor(CarteroDbContext db, string table, Guid id)
    {
        var entity = table switch
        {
            "factura" => typeof(Invoicing.Invoice),
            "nota_credito" => typeof(Invoicing.CreditNotes.CreditNote),
            _ => typeof(Sending.EmailLogEntry),
        };
        var property = db.Model.FindEntityType(entity)!.FindProperty("Id")!;
        var mapping = (Microsoft.EntityFrameworkCore.Storage.RelationalTypeMapping)property.GetRelationalTypeMapping();
        var connection = db.Database.GetDbConnection();
        using var command = connection.CreateCommand();
        return mapping.CreateParameter(command, "@p0", id, nullable: false);
    }

    private async Task<string?> ShrunkSinceAsync(ChainCheckpoint previous, long auditRows, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (auditRows < previous.AuditRows)
        {
            problems.Add($"log_auditoria tenía {previous.AuditRows} filas y ahora {auditRows}");
        }

        foreach (var (table, before) in new[] { ("factura", previous.Invoices), ("log_envio_correo", previous.Emails), ("nota_credito", previous.CreditNotes) })
        {
            if (before?.UpTo is null || !Guid.TryParse(before.UpTo, out var upTo))
            {
                continue;
            }

            var now = await CountAsync(db, table, upTo, cancellationToken);
            if (now.Parents < before.Parents || now.Events < before.Events)
            {
                problems.Add($"{table} tenía {before.Parents} filas con {before.Events} eventos y ahora {now.Parents} con {now.Events}");
            }
        }

        return problems.Count == 0 ? null : $"Desde el punto de control del {AuditTrail.Local(previous.At)}: {string.Join("; ", problems)}.";
    }

    private sealed class ParentTotals
    {
        public long Parents { get; set; }

        public long Events { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, EventName = "PuntoDeControl",
        Message = "Punto de control de las cadenas: log_auditoria {AuditRows} filas, cabeza {AuditHead}; factura {Invoices} con {InvoiceEvents} eventos; log_envio_correo {Emails} con {EmailEvents} eventos; nota_credito {CreditNotes} con {CreditNoteEvents} eventos; clave {KeyId}; archivo {File}")]
    private static partial void LogCheckpoint(ILogger logger, long auditRows, string auditHead, long invoices, long invoiceEvents, long emails, long emailEvents, long creditNotes, long creditNoteEvents, string keyId, string file);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Las cadenas de integridad perdieron filas: {Problem} Ejecute 'audit verify'")]
    private static partial void LogShrunk(ILogger logger, string problem);
}
