using Cartero.Features.Invoicing;
using Cartero.Features.Invoicing.CreditNotes;
using Cartero.Features.Sending;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Audit;

/// <summary>
/// Checks the chained tables (<c>log_auditoria</c>, <c>factura_evento</c>, <c>log_envio_correo_evento</c>,
/// <c>nota_credito_evento</c>) against their keys and against the checkpoint log kept outside the database.
/// </summary>
public sealed class ChainIntegrity(CarteroDbContext db, ChainKeys keys, ChainCheckpointStore store, ChainSealer sealer)
{
    public async Task<IntegrityReport> VerifyAsync(CancellationToken cancellationToken)
    {
        // An operator may verify before the first start after the upgrade: the old rows are closed first, as at start-up.
        await sealer.EnsureSealedAsync(cancellationToken);
        var (checkpoints, badLines) = await store.ReadAsync(cancellationToken);
        var latest = checkpoints.Count == 0 ? null : checkpoints[^1];

        var audit = await AuditTrail.VerifyChainAsync(db, keys, checkpoints, cancellationToken);
        var seal = audit.Valid ? await ReadSealAsync(cancellationToken) : null;
        var tables = new List<ChainVerification>
        {
            audit,
            await VerifyInvoiceEventsAsync(seal, latest, cancellationToken),
            await VerifyEmailEventsAsync(seal, latest, cancellationToken),
            await VerifyCreditNoteEventsAsync(latest, cancellationToken),
        };

        if (badLines.Count > 0 || checkpoints.FirstOrDefault(c => c.Shrunk is not null) is not null)
        {
            var problems = new List<string>();
            if (badLines.Count > 0)
            {
                problems.Add($"Líneas {string.Join(", ", badLines)} del registro de puntos de control dañadas o alteradas (su firma no coincide).");
            }

            problems.AddRange(checkpoints.Where(c => c.Shrunk is not null).Select(c => $"Al escribir el punto de control del {AuditTrail.Local(c.At)}: {c.Shrunk}"));
            tables.Add(new ChainVerification("puntos_de_control", false, checkpoints.Count, null, string.Join(" ", problems)));
        }

        return new IntegrityReport(tables.All(t => t.Valid), tables, latest?.At, store.FilePath);
    }

    private async Task<ChainSeal?> ReadSealAsync(CancellationToken cancellationToken)
    {
        var details = await db.AuditEntries.AsNoTracking().Where(a => a.Action == ChainSeal.Action && a.KeyId != null)
            .OrderBy(a => a.Id).Select(a => a.Details).FirstOrDefaultAsync(cancellationToken);
        return ChainSeal.Parse(details);
    }

    private async Task<ChainVerification> VerifyInvoiceEventsAsync(ChainSeal? seal, ChainCheckpoint? latest, CancellationToken cancellationToken)
    {
        var rows =
            from e in db.InvoiceEvents.AsNoTracking()
            where e.Hash != null
            join p in db.Invoices on e.InvoiceId equals p.Id into parents
            from p in parents.DefaultIfEmpty()
            orderby e.InvoiceId, e.Id
            select new ChainedEvent<InvoiceEvent>(e, e.Id, e.InvoiceId, e.Sequence, e.KeyId, e.Hash, p == null ? null : p.EventCount, p == null ? null : p.EventsHead);
        var chain = await ParentChainVerifier.VerifyAsync(InvoiceEventChain.Name, "factura", rows.AsAsyncEnumerable(), InvoiceEventChain.Compute, keys, cancellationToken);
        if (!chain.Valid)
        {
            return chain;
        }

        var emptied = await db.Invoices.Where(i => i.EventCount > 0 && !db.InvoiceEvents.Any(e => e.InvoiceId == i.Id && e.Hash != null))
            .Select(i => (Guid?)i.Id).FirstOrDefaultAsync(cancellationToken);
        var legacy = await db.InvoiceEvents.LongCountAsync(e => e.Hash == null, cancellationToken);
        var legacyAfter = await db.InvoiceEvents.Where(e => e.Hash == null && e.Id > (seal == null ? 0 : seal.InvoiceEventsUpTo)).Select(e => (long?)e.Id).FirstOrDefaultAsync(cancellationToken);
        return await FinishAsync(chain, "factura", "factura", emptied, legacy, legacyAfter, seal?.InvoiceEvents ?? 0, latest?.Invoices, cancellationToken);
    }

    private async Task<ChainVerification> VerifyEmailEventsAsync(ChainSeal? seal, ChainCheckpoint? latest, CancellationToken cancellationToken)
    {
        var rows =
            from e in db.EmailEvents.AsNoTracking()
            where e.Hash != null
            join p in db.Emails on e.EmailId equals p.Id into parents
            from p in parents.DefaultIfEmpty()
            orderby e.EmailId, e.Id
            select new ChainedEvent<EmailLogEvent>(e, e.Id, e.EmailId, e.Sequence, e.KeyId, e.Hash, p == null ? null : p.EventCount, p == null ? null : p.EventsHead);
        var chain = await ParentChainVerifier.VerifyAsync(EmailEventChain.Name, "correo", rows.AsAsyncEnumerable(), EmailEventChain.Compute, keys, cancellationToken);
        if (!chain.Valid)
        {
            return chain;
        }

        var emptied = await db.Emails.Where(m => m.EventCount > 0 && !db.EmailEvents.Any(e => e.EmailId == m.Id && e.Hash != null))
            .Select(m => (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken);
        var legacy = await db.EmailEvents.LongCountAsync(e => e.Hash == null, cancellationToken);
        var legacyAfter = await db.EmailEvents.Where(e => e.Hash == null && e.Id > (seal == null ? 0 : seal.EmailEventsUpTo)).Select(e => (long?)e.Id).FirstOrDefaultAsync(cancellationToken);
        return await FinishAsync(chain, "correo", "log_envio_correo", emptied, legacy, legacyAfter, seal?.EmailEvents ?? 0, latest?.Emails, cancellationToken);
    }

    /// <summary>
    /// The notas de crédito's history. The table was created with the keyed chain, so it has no legacy rows to seal: an
    /// event without a signature was stripped or inserted without the key. Whole notes deleted, or a note's last events cut
    /// with its head set back, show against the latest checkpoint that counted the notes.
    /// </summary>
    private async Task<ChainVerification> VerifyCreditNoteEventsAsync(ChainCheckpoint? latest, CancellationToken cancellationToken)
    {
        var rows =
            from e in db.CreditNoteEvents.AsNoTracking()
            where e.Hash != null
            join p in db.CreditNotes on e.CreditNoteId equals p.Id into parents
            from p in parents.DefaultIfEmpty()
            orderby e.CreditNoteId, e.Id
            select new ChainedEvent<CreditNoteEvent>(e, e.Id, e.CreditNoteId, e.Sequence, e.KeyId, e.Hash, p == null ? null : p.EventCount, p == null ? null : p.EventsHead);
        var chain = await ParentChainVerifier.VerifyAsync(CreditNoteEventChain.Name, "nota de crédito", rows.AsAsyncEnumerable(), CreditNoteEventChain.Compute, keys, cancellationToken);
        if (!chain.Valid)
        {
            return chain;
        }

        var emptied = await db.CreditNotes.Where(n => n.EventCount > 0 && !db.CreditNoteEvents.Any(e => e.CreditNoteId == n.Id && e.Hash != null))
            .Select(n => (Guid?)n.Id).FirstOrDefaultAsync(cancellationToken);
        if (emptied is { } id)
        {
            return chain with { Valid = false, Problem = $"Se borraron todos los eventos de la nota de crédito {id}, que registra una cadena." };
        }

        var unsigned = await db.CreditNoteEvents.Where(e => e.Hash == null).Select(e => (long?)e.Id).FirstOrDefaultAsync(cancellationToken);
        if (unsigned is { } row)
        {
            return chain with { Valid = false, FirstBrokenId = row, Problem = $"El evento de la fila {row} no tiene firma: se le quitó la firma o se insertó sin la clave (esta tabla nació con la cadena firmada)." };
        }

        // No legacy rows to count: the anchored check of FinishAsync is all that is left.
        return await FinishAsync(chain, "nota de crédito", "nota_credito", null, 0, null, 0, latest?.CreditNotes, cancellationToken);
    }

    private async Task<ChainVerification> FinishAsync(
        ChainVerification chain, string noun, string parentTable, Guid? emptied, long legacy, long? legacyAfter, long sealedLegacy, ParentChainCount? anchored, CancellationToken cancellationToken)
    {
        if (emptied is { } id)
        {
            return chain with { Valid = false, Problem = $"Se borraron todos los eventos del {noun} {id}, que registra una cadena." };
        }

        if (legacyAfter is { } row)
        {
            return chain with { Valid = false, FirstBrokenId = row, Problem = $"El evento de la fila {row} no tiene firma y es posterior al sellado de la cadena: se le quitó la firma o se insertó sin la clave." };
        }

        if (legacy != sealedLegacy)
        {
            return chain with { Valid = false, Problem = $"Hay {legacy} eventos anteriores a la cadena con clave y el sellado registró {sealedLegacy}: se agregaron o borraron eventos antiguos." };
        }

        if (anchored?.UpTo is { } upTo && Guid.TryParse(upTo, out var bound))
        {
            var now = await ChainCheckpointWriter.CountAsync(db, parentTable, bound, cancellationToken);
            if (now.Parents < anchored.Parents)
            {
                return chain with { Valid = false, Problem = $"Faltan {anchored.Parents - now.Parents} filas de {parentTable} con sus eventos: el último punto de control registró {anchored.Parents} y hay {now.Parents} (se borraron filas enteras)." };
            }

            if (now.Events < anchored.Events)
            {
                return chain with { Valid = false, Problem = $"Faltan {anchored.Events - now.Events} eventos: el último punto de control registró {anchored.Events} en {parentTable} y hay {now.Events} (se borraron eventos del final de alguna cadena)." };
            }
        }

        return chain with { RowsChecked = chain.RowsChecked + legacy };
    }
}
