using System.Text;
using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Cartero.Platform.Web;
using Cartero.Sri;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Invoicing.CreditNotes;

/// <summary>
/// The end of a refused nota de crédito's life, as a factura has it: corrected and sent again with the same clave, or
/// abandoned. An abandoned note no longer counts against its factura (<see cref="CreditNoteLedger"/>), so what it
/// credited can go on a new note. Both steps are in the note's chained history and in the audit trail.
/// </summary>
public sealed class CreditNoteLifecycle(
    CarteroDbContext db,
    SriSchemaValidator schemas,
    InvoiceStateMachine machine,
    [FromKeyedServices(InvoicingModule.WorkSignalKey)] Platform.WorkSignal signal,
    IAuditTrail audit,
    IOptions<InvoiceWatchOptions> watch,
    TimeProvider time)
{
    /// <summary>Longest reason for abandoning a note the history keeps.</summary>
    public const int MaxReason = 1000;

    /// <summary>Why the note can only be abandoned, or null when it can be corrected (or is not refused).</summary>
    public string? WhyOnlyAbandon(CreditNote note) =>
        CreditNoteClosing.IsRefused(note) ? CreditNoteClosing.WhyOnlyAbandon(note, Today(), watch.Value.MaxIssueDateAgeDays) : null;

    /// <summary>
    /// Starts a refused note again from its XML with the same clave and secuencial, optionally with a corrected motivo;
    /// the processor signs it and takes it to the SRI. Null when there is no such note.
    /// </summary>
    /// <exception cref="InvoiceStateConflictException">Not refused, or refused in a way only abandoning it solves.</exception>
    /// <exception cref="InvoiceValidationException">The new motivo is not valid; nothing changed.</exception>
    public async Task<CreditNote?> CorrectAsync(Guid id, string? reason, RequestActor actor, CancellationToken cancellationToken)
    {
        var note = await db.CreditNotes.FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (note is null)
        {
            return null;
        }

        EnsureRefused(note, "corregir");
        if (WhyOnlyAbandon(note) is { } why)
        {
            throw new InvoiceStateConflictException("La nota de crédito no admite corrección",
                $"{why} La nota de crédito {note.Number} no se reenvía con la misma clave de acceso: abandónela (POST /api/v1/credit-notes/{note.Id}/abandon) " +
                "y emita una nueva desde la factura; lo que acreditaba queda libre.", note.Status);
        }

        var newReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (newReason is not null && newReason != note.Reason)
        {
            var read = NotaCreditoXmlReader.Leer(Encoding.UTF8.GetBytes(note.GeneratedXml)).NotaCredito with { Motivo = newReason, ClaveAcceso = note.AccessKey };
            NotaCreditoGenerada generated;
            try
            {
                generated = NotaCreditoXmlWriter.Generar(read);
            }
            catch (NotaCreditoInvalidaException ex)
            {
                throw new InvoiceValidationException(ex.Problemas.GroupBy(p => p.Campo == "infoNotaCredito/motivo" ? "reason" : p.Campo)
                    .ToDictionary(g => g.Key, g => g.Select(p => p.Mensaje).ToArray()));
            }

            var schema = schemas.ValidarNotaCredito(generated.Xml);
            if (!schema.EsValido)
            {
                throw new InvoiceValidationException(new Dictionary<string, string[]> { ["reason"] = [.. schema.Errores.Select(e => e.ToString())] });
            }

            note.GeneratedXml = Encoding.UTF8.GetString(generated.Xml);
        }

        var before = note.Reason;
        note.Reason = newReason ?? note.Reason;
        note.SignedXml = null;
        note.LastError = null;
        note.SriAttempts = 0;
        note.NextAttemptAt = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        machine.Transition(note, InvoiceStatus.Generada,
            $"Corregida por {actor.Name}" + (note.Reason == before ? "" : $" (motivo: «{note.Reason}»)") +
            ": se firma y se envía otra vez al SRI con la misma clave de acceso y el mismo secuencial.", actor.Name);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.CorrectCreditNote, "nota_credito",
            new CorrectCreditNoteDetails(note.Id, note.Number, note.AccessKey, before, note.Reason)), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        signal.Notify();
        return note;
    }

    /// <summary>
    /// Closes a refused note as <c>abandonada</c> with the reason: it never reaches the SRI again and no longer counts
    /// against its factura. Null when there is no such note.
    /// </summary>
    /// <exception cref="InvoiceValidationException">No reason; nothing changed.</exception>
    /// <exception cref="InvoiceStateConflictException">The note is not refused.</exception>
    public async Task<(CreditNote Note, decimal Remaining)?> AbandonAsync(Guid id, string? reason, RequestActor actor, CancellationToken cancellationToken)
    {
        var text = reason?.Trim();
        var note = await db.CreditNotes.FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (note is null)
        {
            return null;
        }

        EnsureRefused(note, "abandonar");
        if (string.IsNullOrEmpty(text) || text.Length > MaxReason)
        {
            throw new InvoiceValidationException(new Dictionary<string, string[]>
            {
                ["reason"] = [$"Escriba por qué se abandona la nota de crédito (hasta {MaxReason} caracteres), por ejemplo «el SRI la devolvió fuera de plazo; se emite otra»."],
            });
        }

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        note.NextAttemptAt = null;
        machine.Transition(note, InvoiceStatus.Abandonada,
            $"Abandonada por {actor.Name}: {text} No se enviará al SRI; lo que acreditaba ({CreditNoteService.Money(note.Total)}) de la factura {note.InvoiceNumber} " +
            "queda libre para otra nota de crédito.", actor.Name);
        await db.SaveChangesAsync(cancellationToken);
        var remaining = await CreditNoteLedger.RemainingAsync(db, note.InvoiceId, cancellationToken);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.AbandonCreditNote, "nota_credito",
            new AbandonCreditNoteDetails(note.Id, note.Number, note.AccessKey, note.InvoiceNumber, note.Total, remaining, text)), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return (note, remaining);
    }

    private static void EnsureRefused(CreditNote note, string verb)
    {
        if (!CreditNoteClosing.IsRefused(note))
        {
            throw new InvoiceStateConflictException($"La nota de crédito no se puede {verb}",
                $"Solo se puede {verb} una nota de crédito devuelta o no autorizada (o detenida por Cartero antes de firmar); la {note.Number} está «{note.Status.ToCode()}».",
                note.Status);
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(EcuadorTime.ToLocal(time.GetUtcNow().UtcDateTime));
}
