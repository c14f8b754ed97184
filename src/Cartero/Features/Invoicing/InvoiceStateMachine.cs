using Cartero.Features.Audit;

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
        [InvoiceStatus.Generada] = [InvoiceStatus.Firmada],
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
