using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Features.Sending.Worker;
using Cartero.Features.Templates;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Cartero.Platform.Web;
using Cartero.Sri;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Invoicing;

/// <summary>
/// Delivers an authorised invoice to its buyer: renders the <c>factura</c> template, attaches the authorised XML and
/// the RIDE, checks compliance and enqueues it (<c>tipo_correo</c> factura, entity factura + id). A buyer without an
/// email, or a message that fails the check, is recorded in <c>log_envio_correo</c> as not sent, with the reason.
/// </summary>
public sealed partial class InvoiceMailer(CarteroDbContext db, EmailEnqueuer enqueuer, IEmailTemplates templates, InvoiceStateMachine machine, ILogger<InvoiceMailer> logger, RideRenderer rides)
{
    /// <summary>The outcome for the invoice: its <see cref="InvoiceMailStatus"/>, the email row and a line for its history.</summary>
    public Task<(string MailStatus, Guid EmailId, string Detail)> DeliverAsync(Invoice invoice, CancellationToken cancellationToken) =>
        DeliverAsync(Describe(invoice), KeyOf(invoice), new RequestActor(InvoicingModule.ProcessName, null, false), EmailOrigin.Automatic, cancellationToken);

    /// <summary>The same delivery for any authorised comprobante: a factura, or a nota de crédito (its own template and type).</summary>
    public Task<(string MailStatus, Guid EmailId, string Detail)> DeliverAsync(ISriDocument document, CancellationToken cancellationToken) => document switch
    {
        Invoice invoice => DeliverAsync(invoice, cancellationToken),
        CreditNotes.CreditNote note => DeliverAsync(CreditNotes.CreditNoteMail.Describe(note), CreditNotes.CreditNoteMail.KeyOf(note),
            new RequestActor(InvoicingModule.ProcessName, null, false), EmailOrigin.Automatic, cancellationToken),
        _ => throw new ArgumentException("Comprobante desconocido.", nameof(document)),
    };

    /// <summary>
    /// Sends an authorised invoice again (the buyer gave an email later, the template was fixed, the mail bounced),
    /// optionally to a new address that is then kept on the invoice; null when there is no such invoice.
    /// </summary>
    /// <exception cref="InvoiceStateConflictException">Not authorised yet.</exception>
    /// <exception cref="InvoiceAddressInvalidException">The address is not valid.</exception>
    public async Task<(string MailStatus, Guid EmailId, string Detail)?> ResendAsync(Guid id, string? address, RequestActor actor, string origin, CancellationToken cancellationToken)
    {
        var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (invoice is null)
        {
            return null;
        }

        if (invoice.Status != InvoiceStatus.Autorizada)
        {
            throw new InvoiceStateConflictException("No se puede enviar la factura",
                $"La factura {invoice.Number} está «{invoice.Status.ToCode()}»: solo se envía por correo una factura autorizada por el SRI. " +
                "Espere la autorización o corrija y reenvíe la factura al SRI.", invoice.Status);
        }

        if (!string.IsNullOrWhiteSpace(address))
        {
            if (!EmailRequestValidator.IsValidAddress(address.Trim()))
            {
                throw new InvoiceAddressInvalidException("address", $"«{address}» no es una dirección de correo válida. Escríbala como nombre@dominio.ec.");
            }

            invoice.BuyerEmail = address.Trim();
        }

        var outcome = await DeliverAsync(Describe(invoice), $"factura:{invoice.Id:N}:reenvio:{Guid.CreateVersion7():N}", actor, origin, cancellationToken);
        invoice.MailStatus = outcome.MailStatus;
        invoice.EmailId = outcome.EmailId;
        machine.Note(invoice, $"Reenvío pedido por {actor.Name}. {outcome.Detail}", actor.Name);
        await db.SaveChangesAsync(cancellationToken);
        return outcome;
    }

    internal async Task<(string MailStatus, Guid EmailId, string Detail)> DeliverAsync(MailableDocument invoice, string key, RequestActor actor, string origin, CancellationToken cancellationToken)
    {
        if (await db.Emails.AsNoTracking().Where(e => e.IdempotencyKey == key).Select(e => new { e.Id, e.Status }).FirstOrDefaultAsync(cancellationToken) is { } done)
        {
            // A previous run wrote the row and stopped before recording it on the invoice.
            var status = done.Status != EmailStatus.Cancelado ? InvoiceMailStatus.Encolado
                : string.IsNullOrWhiteSpace(invoice.BuyerEmail) ? InvoiceMailStatus.SinCorreo : InvoiceMailStatus.Rechazado;
            return (status, done.Id, $"Correo de {invoice.Noun} ya registrado (correo {done.Id}).");
        }

        var facts = invoice.Facts;
        var subjectForLog = $"{facts.DocumentType} electrónica {facts.Number} de {facts.IssuerName} (RUC {facts.IssuerRuc})";
        if (string.IsNullOrWhiteSpace(invoice.BuyerEmail))
        {
            const string reason = "No enviado: sin correo. El comprador (consumidor final o sin dirección registrada) no dio un correo electrónico; entregue el RIDE impreso o reenvíe cuando lo tenga.";
            var row = await enqueuer.RecordNotSentAsync(NotSent(invoice, subjectForLog, reason, key), actor, origin, cancellationToken);
            return (InvoiceMailStatus.SinCorreo, row.Id, reason);
        }

        var xml = invoice.AuthorizedXml is null ? null : Encoding.UTF8.GetBytes(invoice.AuthorizedXml);
        var problems = new List<string>();
        byte[]? pdf = null;
        if (xml is not null)
        {
            try
            {
                pdf = await rides.RenderAsync(invoice.Establishment, invoice.EmissionPoint, xml, cancellationToken);
            }
            catch (Exception ex) when (ex is FormatException or System.Xml.XmlException or InvalidOperationException)
            {
                problems.Add("no se pudo generar el RIDE: " + ex.Message);
            }
        }

        RenderedEmail message;
        try
        {
            message = templates.Render(invoice.Type, invoice.Data);
        }
        catch (TemplateRenderException ex)
        {
            problems.AddRange(ex.Problems.Select(p => $"la plantilla «{invoice.Type}» no se pudo generar: " + p));
            message = new RenderedEmail(subjectForLog, "", "");
        }

        problems.AddRange(InvoiceMailCompliance.Check(facts, message, xml, pdf));
        if (problems.Count > 0)
        {
            var reason = $"Correo de {invoice.Kind} rechazado por el control de cumplimiento (no se encoló): " + string.Join("; ", problems) +
                $". Corrija la plantilla «{invoice.Type}» o los datos y reenvíe desde {invoice.Noun}.";
            LogRefused(logger, invoice.Number, invoice.AccessKey, reason);
            var row = await enqueuer.RecordNotSentAsync(NotSent(invoice, message.Subject, reason, key), actor, origin, cancellationToken);
            return (InvoiceMailStatus.Rechazado, row.Id, reason);
        }

        var request = new EnqueueEmailRequest
        {
            Type = invoice.Type,
            To = new EmailRecipient(invoice.BuyerEmail, invoice.BuyerName, "cliente", invoice.CustomerId),
            Entity = new EmailEntityRef(invoice.Type, invoice.Id.ToString()),
            Subject = message.Subject,
            Html = message.Html,
            Text = message.Text,
            IdempotencyKey = key,
        };
        EmailAttachmentContent[] attachments =
        [
            new($"{invoice.FilePrefix}-{invoice.Number}.xml", "application/xml", xml!),
            new($"RIDE-{invoice.FilePrefix}-{invoice.Number}.pdf", "application/pdf", pdf!),
        ];
        EmailLogEntry entry;
        try
        {
            (entry, _) = await enqueuer.EnqueueAsync(request, attachments, actor, origin, cancellationToken);
        }
        catch (EnqueueValidationException ex)
        {
            var reason = $"Correo de {invoice.Kind} no encolado: " + string.Join("; ", ex.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")) + ".";
            LogRefused(logger, invoice.Number, invoice.AccessKey, reason);
            var row = await enqueuer.RecordNotSentAsync(NotSent(invoice, message.Subject, reason, key), actor, origin, cancellationToken);
            return (InvoiceMailStatus.Rechazado, row.Id, reason);
        }

        return (InvoiceMailStatus.Encolado, entry.Id, $"Correo de {invoice.Noun} encolado para {invoice.BuyerEmail} con el XML autorizado y el RIDE (correo {entry.Id}).");
    }

    public static InvoiceMailFacts FactsOf(Invoice invoice) => new(
        invoice.IssuerName,
        invoice.IssuerRuc,
        "Factura",
        invoice.Number,
        invoice.AccessKey,
        invoice.IssueDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        invoice.Total.ToString("C2", EcuadorTime.Culture));

    private static JsonObject DataOf(Invoice invoice, InvoiceMailFacts facts) => new()
    {
        ["emisor"] = new JsonObject { ["razon_social"] = invoice.IssuerName, ["ruc"] = invoice.IssuerRuc },
        ["factura"] = new JsonObject
        {
            ["numero"] = facts.Number,
            ["fecha_emision"] = facts.IssueDate,
            ["clave_acceso"] = invoice.AccessKey,
            ["numero_autorizacion"] = invoice.AuthorizationNumber ?? invoice.AccessKey,
            ["total"] = invoice.Total,
        },
        ["cliente"] = new JsonObject { ["nombre"] = invoice.BuyerName },
    };

    // One key per invoice: a retried step finds the row it already wrote instead of mailing twice.
    private static string KeyOf(Invoice invoice) => $"factura:{invoice.Id:N}";

    private static NotSentEmail NotSent(MailableDocument invoice, string subject, string reason, string key) =>
        new(invoice.Type, "cliente", invoice.CustomerId, invoice.BuyerEmail, invoice.BuyerName, invoice.Type, invoice.Id.ToString(), subject, reason, key);

    private static MailableDocument Describe(Invoice invoice)
    {
        var facts = FactsOf(invoice);
        return new MailableDocument("factura", "la factura", "factura", invoice.Id, invoice.Number, invoice.AccessKey, invoice.BuyerEmail, invoice.BuyerName,
            invoice.CustomerId, invoice.AuthorizedXml, facts, DataOf(invoice, facts), invoice.Establishment, invoice.EmissionPoint);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Factura {Number} (clave {AccessKey}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string number, string accessKey, string reason);
}
