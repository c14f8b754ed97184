using System.Globalization;
using System.Text;
using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Platform.Auth;
using Cartero.Platform.Web;
using Cartero.Sri;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Invoicing;

/// <summary>"Emitir de nuevo" and "anulada": the two ways an invoice leaves the SRI's flow for good.</summary>
public sealed partial class InvoiceSubmissionService
{
    /// <summary>Longest SRI reference of an annulment the column keeps.</summary>
    public const int MaxAnnulmentReference = 100;

    /// <summary>
    /// True when the invoice can only be issued again: the SRI refused it with a code a correction cannot fix (45, 65),
    /// or its fecha de emisión is already outside the window the SRI accepts.
    /// </summary>
    public bool NeedsReissue(Invoice invoice) =>
        NeedsReissue(invoice.Status, invoice.RequiresReissue, invoice.ReplacedBy, invoice.IssueDate);

    /// <summary>The same rule for an invoice as the API shows it.</summary>
    public bool NeedsReissue(InvoiceDto invoice) =>
        InvoiceStatusCodes.TryParse(invoice.Status, out var status) && NeedsReissue(status, invoice.RequiresReissue, invoice.ReplacedBy, invoice.IssueDate);

    private bool NeedsReissue(InvoiceStatus status, bool requiresReissue, Guid? replacedBy, DateOnly issueDate) =>
        status is InvoiceStatus.Devuelta or InvoiceStatus.NoAutorizada && replacedBy is null
        && (requiresReissue || IssueDateRule.Problem(issueDate, Today(), watch.Value.MaxIssueDateAgeDays) is not null);

    /// <summary>
    /// Closes a refused invoice as <c>abandonada</c> and issues a new one with the next secuencial and today's date, the
    /// same buyer, lines and payments; both are linked and the step is audited. Null when there is no such invoice.
    /// </summary>
    /// <exception cref="InvoiceStateConflictException">The invoice can be corrected with the same clave, or is not refused.</exception>
    /// <exception cref="InvoiceValidationException">The old invoice's data no longer passes the SRI's rules.</exception>
    public async Task<(Invoice Abandoned, Invoice Replacement)?> ReissueAsync(Guid id, string? note, RequestActor actor, CancellationToken cancellationToken)
    {
        var old = await db.Invoices.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (old is null)
        {
            return null;
        }

        if (!NeedsReissue(old))
        {
            throw new InvoiceStateConflictException("La factura no se puede emitir de nuevo",
                old.ReplacedBy is not null
                    ? $"La factura {old.Number} ya se emitió de nuevo (factura {old.ReplacedBy})."
                    : old.Status is InvoiceStatus.Devuelta or InvoiceStatus.NoAutorizada
                        ? $"La factura {old.Number} se corrige y reenvía con la misma clave de acceso (PUT /api/v1/invoices/{old.Id}): el SRI no la rechazó con un código que lo impida (45 o 65)."
                        : $"Solo se emite de nuevo una factura devuelta o no autorizada por el SRI con el código 45 o 65; la {old.Number} está «{old.Status.ToCode()}».",
                old.Status);
        }

        var s = await settings.RequireAsync(cancellationToken);
        settings.EnsureCanSign(s);
        EnsureSchemas();
        var today = Today();
        var read = FacturaXmlReader.Leer(Encoding.UTF8.GetBytes(old.GeneratedXml)).Factura;
        // The punto de emisión where the sale was made keeps it; the issuer is described as it is configured today.
        var issuedFrom = await points.IssuedFromAsync(s, old.Environment, old.Establishment, old.EmissionPoint, cancellationToken);
        await EnsureSequenceAsync(issuedFrom, cancellationToken);
        old = await db.Invoices.FirstAsync(i => i.Id == id, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var sequential = await TakeSequentialAsync(issuedFrom, cancellationToken);
        var factura = read with
        {
            Emisor = InvoiceRequestMapper.IssuerOf(issuedFrom),
            Secuencial = sequential,
            FechaEmision = today,
            ClaveAcceso = null,
            CodigoNumerico = ClaveDeAcceso.GenerarCodigoNumerico(),
        };
        var problems = FacturaValidador.Validar(factura);
        if (problems.Count > 0)
        {
            throw Invalid(problems.GroupBy(p => p.Campo).ToDictionary(g => g.Key, g => g.Select(p => p.Mensaje).ToList()));
        }

        var generated = GenerateValid(factura);
        var now = time.GetUtcNow();
        var replacement = new Invoice
        {
            Id = Guid.CreateVersion7(now),
            CreatedAt = now.UtcDateTime,
            Environment = old.Environment,
            Establishment = old.Establishment,
            EmissionPoint = old.EmissionPoint,
            Sequential = sequential,
            AccessKey = generated.ClaveDeAcceso.Valor,
            IssueDate = today,
            IssuerRuc = s.Ruc,
            IssuerName = s.BusinessName,
            BuyerIdType = "",
            BuyerId = "",
            BuyerName = "",
            CustomerId = old.CustomerId,
            ExternalReference = old.ExternalReference,
            OriginatedBy = actor.Name,
            GeneratedXml = "",
            NextAttemptAt = now.UtcDateTime,
            Replaces = old.Id,
        };
        Describe(replacement, factura, generated, new InvoiceRequest());
        var reason = ReasonOf(old, today, note);
        machine.Start(replacement, actor.Name,
            $"Factura {replacement.Number} emitida de nuevo por {actor.Name} en reemplazo de la {old.Number} (abandonada): nuevo secuencial y fecha {today:dd/MM/yyyy}, mismo comprador, detalles y pagos.");
        db.Invoices.Add(replacement);
        old.ReplacedBy = replacement.Id;
        old.ClosedReason = reason;
        old.NextAttemptAt = null;
        machine.Transition(old, InvoiceStatus.Abandonada, $"Abandonada por {actor.Name}: {reason} Reemplazada por la factura {replacement.Number}.", actor.Name);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.ReissueInvoice, "factura", new ReissueInvoiceDetails(new InvoiceReferenceDetails(old.Id, old.Number, old.AccessKey), new InvoiceReferenceDetails(replacement.Id, replacement.Number, replacement.AccessKey), reason)), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        signal.Notify();
        return (old, replacement);
    }

    /// <summary>
    /// Records that an authorised invoice was annulled in the SRI's portal: who, when and the SRI's reference; audited.
    /// Null when there is no such invoice.
    /// </summary>
    /// <exception cref="InvoiceValidationException">No reference, or no confirmation.</exception>
    /// <exception cref="InvoiceStateConflictException">The invoice is not authorised.</exception>
    public async Task<Invoice?> AnnulAsync(Guid id, InvoiceAnnulRequest request, RequestActor actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        var reference = request.SriReference?.Trim();
        if (string.IsNullOrEmpty(reference))
        {
            errors["sriReference"] = ["Escriba el número de la solicitud de anulación que le dio el portal del SRI."];
        }
        else if (reference.Length > MaxAnnulmentReference || reference.Any(char.IsControl))
        {
            errors["sriReference"] = [$"El número de referencia del SRI tiene como máximo {MaxAnnulmentReference} caracteres, sin saltos de línea."];
        }

        if (!request.Confirm)
        {
            errors["confirm"] = ["Confirme que la factura ya está anulada en el portal del SRI: Cartero solo registra la anulación, no la hace."];
        }

        var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (invoice is null)
        {
            return null;
        }

        if (invoice.Status != InvoiceStatus.Autorizada)
        {
            throw new InvoiceStateConflictException("La factura no se puede registrar como anulada",
                $"Solo se anula en el SRI una factura autorizada; la {invoice.Number} está «{invoice.Status.ToCode()}».", invoice.Status);
        }

        if (errors.Count > 0)
        {
            throw Invalid(errors);
        }

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        invoice.AnnulledBy = actor.Name;
        invoice.AnnulledAt = now;
        invoice.AnnulmentReference = reference;
        machine.Transition(invoice, InvoiceStatus.Anulada,
            $"Anulada en el portal del SRI (referencia {reference}); registrada por {actor.Name}. El RIDE lleva la marca ANULADA.", actor.Name);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.AnnulInvoice, "factura",
            new AnnulInvoiceDetails(invoice.Id, invoice.Number, invoice.AccessKey, reference)), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return invoice;
    }

    private void EnsureCorrectable(Invoice invoice)
    {
        if (NeedsReissue(invoice))
        {
            throw new InvoiceStateConflictException("La factura no admite corrección",
                invoice.RequiresReissue
                    ? $"El SRI rechazó la factura {invoice.Number} con un código que no se corrige con la misma clave de acceso (45 secuencial registrado o 65 fecha fuera de plazo). " +
                      $"Use «emitir de nuevo» (POST /api/v1/invoices/{invoice.Id}/reissue): crea otra factura con un secuencial nuevo y la fecha de hoy."
                    : $"La fecha de emisión de la factura {invoice.Number} ({invoice.IssueDate:dd/MM/yyyy}) ya está fuera del plazo del SRI, que la rechazaría con el código 65. " +
                      $"Use «emitir de nuevo» (POST /api/v1/invoices/{invoice.Id}/reissue).",
                invoice.Status);
        }
    }

    private string ReasonOf(Invoice old, DateOnly today, string? note)
    {
        var why = old.RequiresReissue
            ? $"el SRI la {(old.Status == InvoiceStatus.Devuelta ? "devolvió" : "no autorizó")} con un código que no se corrige con la misma clave ({old.LastError})."
            : $"su fecha de emisión {old.IssueDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)} quedó fuera del plazo del SRI (hoy es {today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}).";
        var text = "Emitida de nuevo porque " + why + (string.IsNullOrWhiteSpace(note) ? "" : " Nota: " + note.Trim());
        return text.Length > 1000 ? text[..1000] : text;
    }

    private DateOnly Today() => DateOnly.FromDateTime(EcuadorTime.ToLocal(time.GetUtcNow().UtcDateTime));
}
