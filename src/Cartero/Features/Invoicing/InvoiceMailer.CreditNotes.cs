using Cartero.Features.Invoicing.CreditNotes;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Invoicing;

public sealed partial class InvoiceMailer
{
    /// <summary>
    /// Sends an authorised nota de crédito again, as <see cref="ResendAsync"/> does a factura: optionally to a new address
    /// that is then kept on the note; null when there is no such note.
    /// </summary>
    /// <exception cref="InvoiceStateConflictException">Not authorised.</exception>
    /// <exception cref="InvoiceAddressInvalidException">The address is not valid.</exception>
    public async Task<(string MailStatus, Guid EmailId, string Detail)?> ResendCreditNoteAsync(Guid id, string? address, RequestActor actor, string origin, CancellationToken cancellationToken)
    {
        var note = await db.CreditNotes.FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (note is null)
        {
            return null;
        }

        if (note.Status != InvoiceStatus.Autorizada)
        {
            throw new InvoiceStateConflictException("No se puede enviar la nota de crédito",
                $"La nota de crédito {note.Number} está «{note.Status.ToCode()}»: solo se envía por correo una nota de crédito autorizada por el SRI.", note.Status);
        }

        if (!string.IsNullOrWhiteSpace(address))
        {
            if (!EmailRequestValidator.IsValidAddress(address.Trim()))
            {
                throw new InvoiceAddressInvalidException("address", $"«{address}» no es una dirección de correo válida. Escríbala como nombre@dominio.ec.");
            }

            note.BuyerEmail = address.Trim();
        }

        var outcome = await DeliverAsync(CreditNoteMail.Describe(note), $"{CreditNoteMail.KeyOf(note)}:reenvio:{Guid.CreateVersion7():N}", actor, origin, cancellationToken);
        note.MailStatus = outcome.MailStatus;
        note.EmailId = outcome.EmailId;
        machine.Note(note, $"Reenvío pedido por {actor.Name}. {outcome.Detail}", actor.Name);
        await db.SaveChangesAsync(cancellationToken);
        return outcome;
    }
}
