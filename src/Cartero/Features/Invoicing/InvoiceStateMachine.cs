using Cartero.Features.Audit;
using Cartero.Features.Invoicing.CreditNotes;

namespace Cartero.Features.Invoicing;

/// <summary>
/// Every legal step of an invoice's life, in one place; each step appends a <c>factura_evento</c> row that is saved
/// with the state change.
/// </summary>
/// <remarks>With <paramref name="chain"/> every event is signed into its invoice's chain (<see cref="InvoiceEventChain"/>).</remarks>
public sealed class InvoiceStateMachine(TimeProvider time, ChainKeys? chain = null)
{
    private static readonly Dictionary<InvoiceStatus, InvoiceStatus[]> Allowed = new()
    {
        // Or stopped before signing because its fecha de emisión is no longer one the SRI accepts (it can only be issued again).
        [InvoiceStatus.Generada] = [InvoiceStatus.Firmada, InvoiceStatus.Devuelta],
        [InvoiceStatus.Firmada] = [InvoiceStatus.EnviadaSri],
        [InvoiceStatus.EnviadaSri] = [InvoiceStatus.Recibida, InvoiceStatus.Devuelta],
        [InvoiceStatus.Recibida] = [InvoiceStatus.Autorizada, InvoiceStatus.NoAutorizada],
        // A correction keeps the clave and the secuencial and starts again from the XML.
        // Or, when the SRI's code allows no correction with the same clave (45, 65), it is closed and issued again.
        [InvoiceStatus.Devuelta] = [InvoiceStatus.Generada, InvoiceStatus.Abandonada],
        [InvoiceStatus.NoAutorizada] = [InvoiceStatus.Generada, InvoiceStatus.Abandonada],
        // Annulled by the issuer in the SRI's portal.
        [InvoiceStatus.Autorizada] = [InvoiceStatus.Anulada],
        [InvoiceStatus.Abandonada] = [],
        [InvoiceStatus.Anulada] = [],
    };

    public static bool CanTransition(InvoiceStatus from, InvoiceStatus to) =>
        Allowed.TryGetValue(from, out var targets) && Array.IndexOf(targets, to) >= 0;

    public InvoiceEvent Start(Invoice invoice, string actor, string detail)
    {
        invoice.Status = InvoiceStatus.Generada;
        return Append(invoice, InvoiceStatus.Generada, null, detail, null, actor);
    }

    /// <exception cref="InvalidInvoiceTransitionException">The step is not allowed from the current state.</exception>
    public InvoiceEvent Transition(Invoice invoice, InvoiceStatus to, string detail, string actor, string? sriMessages = null)
    {
        var from = invoice.Status;
        if (!CanTransition(from, to))
        {
            throw new InvalidInvoiceTransitionException(invoice.Number, from, to);
        }

        invoice.Status = to;
        return Append(invoice, to, from, detail, sriMessages, actor);
    }

    /// <summary>Records something that happened without a state change (an SRI answer while pending, a failed attempt, the email).</summary>
    public InvoiceEvent Note(Invoice invoice, string detail, string actor, string? sriMessages = null) =>
        Append(invoice, invoice.Status, invoice.Status, detail, sriMessages, actor);

    /// <summary>Starts the history of a nota de crédito.</summary>
    public void Start(CreditNote note, string actor, string detail)
    {
        note.Status = InvoiceStatus.Generada;
        Append(note, InvoiceStatus.Generada, null, detail, null, actor);
    }

    /// <summary>The same step for any comprobante; a nota de crédito's history goes to <c>nota_credito_evento</c>.</summary>
    /// <exception cref="InvalidInvoiceTransitionException">The step is not allowed from the current state.</exception>
    public void Transition(ISriDocument document, InvoiceStatus to, string detail, string actor, string? sriMessages = null)
    {
        if (document is Invoice invoice)
        {
            Transition(invoice, to, detail, actor, sriMessages);
            return;
        }

        var from = document.Status;
        if (!CanTransition(from, to))
        {
            throw new InvalidInvoiceTransitionException(document.Number, from, to);
        }

        document.Status = to;
        Append((CreditNote)document, to, from, detail, sriMessages, actor);
    }

    /// <summary>Records something that happened to any comprobante without a state change.</summary>
    public void Note(ISriDocument document, string detail, string actor, string? sriMessages = null)
    {
        if (document is Invoice invoice)
        {
            Note(invoice, detail, actor, sriMessages);
            return;
        }

        Append((CreditNote)document, document.Status, document.Status, detail, sriMessages, actor);
    }

    private void Append(CreditNote note, InvoiceStatus to, InvoiceStatus? from, string detail, string? sriMessages, string actor)
    {
        var evt = new CreditNoteEvent
        {
            CreditNoteId = note.Id,
            OccurredAt = ChainMac.Truncate(time.GetUtcNow().UtcDateTime),
            Status = to,
            PreviousStatus = from,
            Detail = detail,
            SriMessages = sriMessages,
            Actor = actor,
        };
        if (chain is not null)
        {
            CreditNoteEventChain.Append(chain, note, evt);
        }

        note.Events.Add(evt);
    }

    private InvoiceEvent Append(Invoice invoice, InvoiceStatus to, InvoiceStatus? from, string detail, string? sriMessages, string actor)
    {
        var evt = new InvoiceEvent
        {
            InvoiceId = invoice.Id,
            OccurredAt = ChainMac.Truncate(time.GetUtcNow().UtcDateTime),
            Status = to,
            PreviousStatus = from,
            Detail = detail,
            SriMessages = sriMessages,
            Actor = actor,
        };
        if (chain is not null)
        {
            InvoiceEventChain.Append(chain, invoice, evt);
        }

        invoice.Events.Add(evt);
        return evt;
    }
}
