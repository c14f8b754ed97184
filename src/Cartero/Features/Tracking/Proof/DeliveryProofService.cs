using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Archive;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Tracking.Proof;

/// <summary>
/// Builds a proof of delivery from what the send log holds (the row, its events whatever wrote them, the attachments'
/// metadata, the invoice when the mail is one), signs its JSON and its PDF, and records in the audit trail who asked.
/// </summary>
public sealed class DeliveryProofService(CarteroDbContext db, ProofSigner signer, ProofKeys keys, SentMessageArchive archive, IAuditTrail audit, TimeProvider time)
{
    /// <summary>The signed JSON and PDF of a new proof, or null when the email does not exist.</summary>
    public async Task<SignedProof?> CreateAsync(Guid emailId, RequestActor actor, string channel, CancellationToken cancellationToken)
    {
        var email = await db.Emails.AsNoTracking().FirstOrDefaultAsync(e => e.Id == emailId, cancellationToken);
        if (email is null)
        {
            return null;
        }

        var events = await db.EmailEvents.AsNoTracking().Where(e => e.EmailId == emailId).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var proof = new DeliveryProof(
            Guid.CreateVersion7(),
            Truncate(time.GetUtcNow().UtcDateTime),
            actor.Name,
            email.Id,
            new ProofRequest(email.RequestedAt, email.Origin, email.OriginatedBy, email.Type, email.EntityType, email.EntityId, email.IdempotencyKey),
            new ProofRecipients(email.ToAddress, email.ToName, Split(email.Cc), Split(email.Bcc)),
            email.Subject,
            email.MessageId,
            email.Status.ToCode(),
            email.Provider,
            email.ProviderMessageId,
            email.Attachments.Select(a => new ProofAttachment(a.FileName, a.ContentType, a.Size, a.Sha256)).ToList(),
            events.Where(e => e.MessageSha256 is not null)
                .Select(e => new ProofSentMessage(e.OccurredAt, e.MessageSha256!, e.Provider, e.Detail, archive.Has(e.MessageSha256!)))
                .ToList(),
            events.Select(e => new ProofEvent(e.Sequence, e.OccurredAt, e.PreviousStatus?.ToCode(), e.Status.ToCode(), e.Code, e.Detail,
                e.Provider, e.DurationMs, e.Actor, e.MessageSha256, e.Hash)).ToList(),
            await InvoiceAsync(email, cancellationToken));

        var (json, code) = signer.SignJson(proof);
        var pdf = signer.SignPdf(ProofPdf.Render(proof, code, keys.Current.Id));
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.GenerateProof, emailId.ToString(),
            new ProofDetails(proof.ProofId, code, channel)), cancellationToken);
        return new SignedProof(proof, json, pdf, code);
    }

    /// <summary>Both files in one ZIP, the form the panel and the API give by default.</summary>
    public static byte[] Zip(SignedProof proof)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, $"{proof.FileStem}.json", proof.Json, proof.Proof.GeneratedAt);
            Add(zip, $"{proof.FileStem}.pdf", proof.Pdf, proof.Proof.GeneratedAt);
        }

        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] content, DateTime at)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc));
        using var stream = entry.Open();
        stream.Write(content);
    }

    private async Task<ProofInvoice?> InvoiceAsync(EmailLogEntry email, CancellationToken cancellationToken)
    {
        if (email.EntityType != "factura" || !Guid.TryParse(email.EntityId, out var invoiceId))
        {
            return null;
        }

        var invoice = await db.Invoices.AsNoTracking()
            .Where(i => i.Id == invoiceId)
            .Select(i => new { i.Id, i.Establishment, i.EmissionPoint, i.Sequential, i.AccessKey, i.AuthorizationNumber, i.AuthorizedAt, i.AuthorizedXml })
            .FirstOrDefaultAsync(cancellationToken);
        return invoice is null
            ? null
            : new ProofInvoice(invoice.Id, $"{invoice.Establishment}-{invoice.EmissionPoint}-{invoice.Sequential:000000000}", invoice.AccessKey,
                invoice.AuthorizationNumber, invoice.AuthorizedAt,
                // The same bytes the invoice mail attaches (UTF-8 of the stored authorised XML).
                invoice.AuthorizedXml is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(invoice.AuthorizedXml))));
    }

    private static List<string> Split(string? addresses) =>
        string.IsNullOrEmpty(addresses) ? [] : [.. addresses.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static DateTime Truncate(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
