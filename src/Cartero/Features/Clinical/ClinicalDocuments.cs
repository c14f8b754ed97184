using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Features.Templates;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Cartero.Platform.Identity;
using Cartero.Platform.Secrets;
using Cartero.Platform.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Clinical;

/// <summary>
/// A patient's clinical documents: a prescription typed by the optometrist or an uploaded PDF, stored encrypted, viewed
/// (audited) by admins and by the optometrist who made it, and sent to the patient as a <c>notificacion_clinica</c> mail
/// only by an optometrist who holds the permission, to a patient whose consent is in force.
/// </summary>
public sealed class ClinicalDocuments(
    CarteroDbContext db,
    ISecretProtector protector,
    ClinicalConsents consents,
    ClinicalPermission permission,
    UserManager<CarteroUser> users,
    EmailEnqueuer enqueuer,
    IAuditTrail audit,
    TimeProvider time,
    IOptions<ClinicalOptions> options,
    BusinessBrand brand)
{
    public const string Table = "documento_clinico";
    public const string Column = "contenido_cifrado";
    public const string EmailType = "notificacion_clinica";
    public const string EntityType = "documento_clinico";

    /// <summary>The attachment's name says nothing about what the document is (it is metadata: exports and the log show it).</summary>
    public const string AttachmentName = "documento-consulta.pdf";

    public const int MinVoidReasonLength = 5;
    public const int MaxVoidReasonLength = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Summary(Guid Id, string Kind, DateTime CreatedAt, string CreatedBy, Guid? EmailId, DateTime? VoidedAt, string? VoidedBy, string? VoidReason);

    public async Task<IReadOnlyList<Summary>> ListAsync(Guid customerId, CancellationToken cancellationToken) =>
        await db.ClinicalDocuments.AsNoTracking().Where(d => d.CustomerId == customerId).OrderByDescending(d => d.CreatedAt)
            .Select(d => new Summary(d.Id, d.Kind, d.CreatedAt, d.CreatedBy, d.EmailId, d.VoidedAt, d.VoidedBy, d.VoidReason)).ToListAsync(cancellationToken);

    /// <exception cref="ClinicalValidationException">A field is out of range (keys as in <see cref="PrescriptionInput"/>, camel case).</exception>
    public async Task<ClinicalDocument> CreatePrescriptionAsync(Guid customerId, PrescriptionInput input, RequestActor actor, CancellationToken cancellationToken)
    {
        var prescription = PrescriptionValidator.Validate(input, time.GetUtcNow().UtcDateTime);
        return await StoreAsync(customerId, ClinicalDocumentKinds.Prescription, JsonSerializer.Serialize(prescription, Json), actor, cancellationToken);
    }

    /// <exception cref="ClinicalValidationException">Empty, too large or not a real PDF.</exception>
    public async Task<ClinicalDocument> UploadAsync(Guid customerId, string? fileName, byte[] content, RequestActor actor, CancellationToken cancellationToken)
    {
        PdfUploadCheck.Check(fileName, content, options.Value.MaxUploadBytes);
        return await StoreAsync(customerId, ClinicalDocumentKinds.UploadedPdf, Convert.ToBase64String(content), actor, cancellationToken);
    }

    /// <summary>The document as PDF for someone allowed to see it (admins, and the optometrist who made it); audited.</summary>
    /// <returns>Null when there is no such document or the person may not see it.</returns>
    public async Task<byte[]?> ViewAsync(Guid documentId, ClaimsPrincipal user, RequestActor actor, CancellationToken cancellationToken)
    {
        var document = await db.ClinicalDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        if (document is null || !(user.IsInRole(CarteroRoles.Admin) || document.CreatedBy == actor.Name))
        {
            return null;
        }

        var pdf = await PdfOfAsync(document, cancellationToken);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.ViewClinicalDocument, $"documento_clinico:{document.Id}", new ClinicalDocumentDetails(document.CustomerId, document.Kind)), cancellationToken);
        return pdf;
    }

    /// <summary>"Enviar al paciente": enqueues the mail with the PDF attached, origen <c>manual</c>, the optometrist as originator.</summary>
    /// <returns>The email, or null when there is no such document.</returns>
    /// <exception cref="ClinicalSendRefusedException">A condition is missing (named in Spanish); nothing was enqueued.</exception>
    public async Task<EmailLogEntry?> SendAsync(Guid documentId, ClaimsPrincipal principal, RequestActor actor, CancellationToken cancellationToken)
    {
        var document = await db.ClinicalDocuments.FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        if (document is null)
        {
            return null;
        }

        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == document.CustomerId, cancellationToken);
        var refusal = await RefusalAsync(principal, document, customer.Email, cancellationToken);
        if (refusal is not null)
        {
            await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.ClinicalDocumentRefused, $"documento_clinico:{document.Id}", new ClinicalRefusalDetails(refusal.Value.Code)), cancellationToken);
            throw new ClinicalSendRefusedException(refusal.Value.Message);
        }

        var pdf = await PdfOfAsync(document, cancellationToken);
        var request = new EnqueueEmailRequest
        {
            Type = EmailType,
            To = new EmailRecipient(customer.Email, customer.Names, "cliente", customer.Id.ToString()),
            Entity = new EmailEntityRef(EntityType, document.Id.ToString()),
            Data = new JsonObject
            {
                ["paciente"] = new JsonObject { ["nombre"] = customer.Names },
                ["atencion"] = new JsonObject { ["fecha"] = EcuadorTime.ToLocal(document.CreatedAt).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
                ["documento"] = document.Kind == ClinicalDocumentKinds.Prescription ? "su receta" : "un documento de su consulta",
                ["sucursal"] = brand.Name,
            },
        };
        var (entry, _) = await enqueuer.EnqueueAsync(request, [new EmailAttachmentContent(AttachmentName, "application/pdf", pdf)], actor, EmailOrigin.Manual, cancellationToken);
        document.EmailId = entry.Id;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.SendClinicalDocument, $"documento_clinico:{document.Id}", new SendClinicalDocumentDetails(entry.Id, customer.Id)), cancellationToken);
        return entry;
    }

    /// <summary>The first missing condition of a send, or null when every one holds.</summary>
    private async Task<(string Code, string Message)?> RefusalAsync(ClaimsPrincipal principal, ClinicalDocument document, string? address, CancellationToken cancellationToken)
    {
        if (document.VoidedAt is { } voided)
        {
            return ("anulado", $"Este documento fue anulado el {EcuadorTime.Format(voided)} por {document.VoidedBy}: ya no se envía. " +
                "Si el paciente necesita el documento corregido, haga uno nuevo.");
        }

        if (!principal.IsInRole(CarteroRoles.Optometrista))
        {
            return ("sin_rol_optometrista", "Solo un optometrista puede enviar documentos clínicos al paciente: su usuario no tiene el rol optometrista. " +
                "Los administradores pueden ver y auditar estos documentos, pero no enviarlos en nombre de otra persona.");
        }

        if (await users.GetUserAsync(principal) is not { } user || !await permission.HasAsync(user))
        {
            return ("sin_permiso", "Su usuario no tiene el permiso «puede enviar documentos clínicos». Pídale a un administrador que se lo conceda en Usuarios.");
        }

        if (await consents.CurrentAsync(document.CustomerId, cancellationToken) is null)
        {
            return ("sin_consentimiento", "El paciente no tiene un consentimiento vigente para recibir documentos clínicos por correo (nunca lo dio o lo retiró). " +
                "Registre su consentimiento en esta página antes de enviar.");
        }

        if (string.IsNullOrWhiteSpace(address))
        {
            return ("sin_correo", "El paciente no tiene un correo registrado. Agréguelo en su ficha de cliente y vuelva a intentarlo.");
        }

        return null;
    }

    /// <summary>
    /// "Anular": the document stays stored (legal retention) with who voided it, when and why, and is never sent again.
    /// Checked on the server like sending: an admin, or the optometrist who made it and still holds the permission
    /// (read from the database now). Consent is not asked: voiding sends nothing to the patient. Audited either way.
    /// </summary>
    /// <returns>The voided document, or null when there is no such document.</returns>
    /// <exception cref="ClinicalValidationException">The reason is missing, too short or too long (key <c>motivo</c>).</exception>
    /// <exception cref="ClinicalVoidRefusedException">The person may not void it, or it was voided already; nothing changed.</exception>
    public async Task<ClinicalDocument?> VoidAsync(Guid documentId, string? reason, ClaimsPrincipal principal, RequestActor actor, CancellationToken cancellationToken)
    {
        var document = await db.ClinicalDocuments.FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        if (document is null)
        {
            return null;
        }

        var refusal = await VoidRefusalAsync(principal, actor, document);
        if (refusal is not null)
        {
            await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.ClinicalVoidRefused, $"documento_clinico:{document.Id}", new ClinicalRefusalDetails(refusal.Value.Code)), cancellationToken);
            throw new ClinicalVoidRefusedException(refusal.Value.Message);
        }

        var why = reason?.Trim() ?? "";
        if (why.Length < MinVoidReasonLength || why.Length > MaxVoidReasonLength)
        {
            throw ClinicalValidationException.Of("motivo", $"Escriba el motivo de la anulación (entre {MinVoidReasonLength} y {MaxVoidReasonLength} caracteres), por ejemplo «error en la graduación del ojo izquierdo, reemplazada por otra receta».");
        }

        document.VoidedAt = time.GetUtcNow().UtcDateTime;
        document.VoidedBy = actor.Name;
        document.VoidReason = why;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // The reason stays on the document (shown to admins and the optometrist); the audit trail, which support reads, gets only its length.
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.VoidClinicalDocument, $"documento_clinico:{document.Id}", new VoidClinicalDocumentDetails(document.CustomerId, document.Kind, why.Length)), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return document;
    }

    private async Task<(string Code, string Message)?> VoidRefusalAsync(ClaimsPrincipal principal, RequestActor actor, ClinicalDocument document)
    {
        if (document.VoidedAt is { } voided)
        {
            return ("ya_anulado", $"Este documento ya fue anulado el {EcuadorTime.Format(voided)} por {document.VoidedBy}.");
        }

        if (principal.IsInRole(CarteroRoles.Admin))
        {
            return null;
        }

        if (!principal.IsInRole(CarteroRoles.Optometrista))
        {
            return ("sin_rol_optometrista", "Solo el optometrista que hizo el documento o un administrador pueden anularlo.");
        }

        if (document.CreatedBy != actor.Name)
        {
            return ("no_es_autor", $"Solo el optometrista que hizo este documento ({document.CreatedBy}) o un administrador pueden anularlo.");
        }

        if (await users.GetUserAsync(principal) is not { } user || !await permission.HasAsync(user))
        {
            return ("sin_permiso", "Su usuario no tiene el permiso «puede enviar documentos clínicos», que también hace falta para anularlos. Pídale a un administrador que se lo conceda en Usuarios.");
        }

        return null;
    }

    private async Task<ClinicalDocument> StoreAsync(Guid customerId, string kind, string plain, RequestActor actor, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            throw ClinicalValidationException.Of("", "No existe ese paciente; búsquelo de nuevo en la lista.");
        }

        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var document = new ClinicalDocument
        {
            Id = id, CustomerId = customerId, Kind = kind, CreatedAt = now.UtcDateTime, CreatedBy = actor.Name,
            ProtectedContent = protector.Protect(plain, Purpose(id)),
        };
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ClinicalDocuments.Add(document);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.CreateClinicalDocument, $"documento_clinico:{id}", new ClinicalDocumentDetails(customerId, kind)), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return document;
    }

    internal async Task<byte[]> PdfOfAsync(ClinicalDocument document, CancellationToken cancellationToken)
    {
        var plain = protector.Unprotect(document.ProtectedContent, Purpose(document.Id));
        if (document.Kind == ClinicalDocumentKinds.UploadedPdf)
        {
            return Convert.FromBase64String(plain);
        }

        var prescription = JsonSerializer.Deserialize<Prescription>(plain, Json)!;
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == document.CustomerId, cancellationToken);
        return PrescriptionPdf.Generate(prescription, brand.Name, customer.Names, customer.IdNumber);
    }

    private static SecretPurpose Purpose(Guid id) => new(Table, Column, id.ToString());
}
