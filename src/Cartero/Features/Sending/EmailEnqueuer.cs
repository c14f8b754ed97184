using System.Security.Cryptography;
using System.Text.Json;
using Cartero.Features.Sending.Attachments;
using Cartero.Features.Templates;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Sending;

/// <summary>
/// Turns a send request into a <c>log_envio_correo</c> row in <c>en_cola</c>: validates everything first,
/// renders the template, stores the attachments, then writes the row, its content and its first event in
/// one transaction. Other features (invoicing, alerts, the test send) enqueue through here too.
/// </summary>
public sealed class EmailEnqueuer(
    CarteroDbContext db,
    EmailRequestValidator validator,
    IEmailTemplates templates,
    AttachmentValidator attachmentValidator,
    AttachmentStore attachmentStore,
    EmailStateMachine stateMachine,
    WorkSignal signal,
    TimeProvider time,
    IOptions<SendingOptions> options)
{
    private static readonly JsonSerializerOptions HashJson = new(JsonSerializerDefaults.Web);

    /// <summary>Enqueues the request or throws <see cref="EnqueueValidationException"/> / <see cref="IdempotencyConflictException"/>.</summary>
    /// <returns>The email and whether it already existed under the same idempotency key.</returns>
    public async Task<(EmailLogEntry Entry, bool Replayed)> EnqueueAsync(EnqueueEmailRequest request, RequestActor actor, string origin, CancellationToken cancellationToken)
    {
        var requestHash = request.IdempotencyKey is null ? null : HashOf(request);
        if (request.IdempotencyKey is { } key && await FindByKeyAsync(key, requestHash!, cancellationToken) is { } existing)
        {
            return (existing, true);
        }

        var errors = validator.Validate(request);
        var attachments = attachmentValidator.Validate(
            (request.Attachments ?? []).Select(a => new IncomingAttachment(a.FileName, a.ContentType, a.ContentBase64)).ToList());
        foreach (var (field, messages) in attachments.Errors)
        {
            errors.TryAdd(field, []);
            errors[field].AddRange(messages);
        }

        RenderedEmail? rendered = null;
        if (errors.Count == 0)
        {
            rendered = Render(request, errors);
        }

        if (errors.Count > 0)
        {
            throw new EnqueueValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }

        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var entry = new EmailLogEntry
        {
            Id = id,
            RequestedAt = now.UtcDateTime,
            Type = request.Type!,
            RecipientKind = request.To!.Kind ?? "externo",
            RecipientId = request.To.Id,
            ToAddress = request.To.Address!,
            ToName = request.To.Name,
            Cc = JoinAddresses(request.Cc),
            Bcc = JoinAddresses(request.Bcc),
            EntityType = NullIfEmpty(request.Entity?.Type),
            EntityId = NullIfEmpty(request.Entity?.Id),
            Origin = origin,
            OriginatedBy = actor.Name,
            Subject = rendered!.Subject,
            Template = request.Subject is null ? request.Template ?? request.Type : null,
            MessageId = $"{id:N}@{options.Value.MessageIdDomain}",
            NextAttemptAt = now.UtcDateTime,
            IdempotencyKey = request.IdempotencyKey,
            RequestHash = requestHash,
            Content = new EmailContent { EmailId = id, Html = NullIfEmpty(rendered.Html), Text = NullIfEmpty(rendered.Text) },
        };

        foreach (var attachment in attachments.Valid)
        {
            var stored = await attachmentStore.SaveAsync(attachment.Content, cancellationToken);
            entry.Attachments.Add(new EmailAttachmentInfo
            {
                FileName = attachment.FileName,
                ContentType = attachment.ContentType,
                Size = stored.Size,
                Sha256 = stored.Sha256,
            });
        }

        stateMachine.Start(entry, EmailStatus.EnCola, actor.Name, $"Solicitado ({origin}) por {actor.Name}");
        db.Emails.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (request.IdempotencyKey is { } raced)
        {
            // Another request with the same key won the race; answer as the replay it is (or the conflict).
            db.ChangeTracker.Clear();
            if (await FindByKeyAsync(raced, requestHash!, cancellationToken) is { } winner)
            {
                return (winner, true);
            }

            throw;
        }

        signal.Notify();
        return (entry, false);
    }

    /// <summary>
    /// Records, as a <c>cancelado</c> row with the reason in <c>mensaje_error</c>, an email the system was asked to send
    /// and must not (no address, a compliance check refused it), so the send log shows it instead of a silent gap.
    /// The same idempotency key records it once.
    /// </summary>
    public async Task<EmailLogEntry> RecordNotSentAsync(NotSentEmail email, RequestActor actor, string origin, CancellationToken cancellationToken)
    {
        if (email.IdempotencyKey is { } key &&
            await db.Emails.AsNoTracking().FirstOrDefaultAsync(e => e.IdempotencyKey == key, cancellationToken) is { } existing)
        {
            return existing;
        }

        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var entry = new EmailLogEntry
        {
            Id = id,
            RequestedAt = now.UtcDateTime,
            Type = email.Type,
            RecipientKind = email.RecipientKind,
            RecipientId = email.RecipientId,
            ToAddress = email.ToAddress ?? "",
            ToName = email.ToName,
            EntityType = email.EntityType,
            EntityId = email.EntityId,
            Origin = origin,
            OriginatedBy = actor.Name,
            Subject = email.Subject,
            MessageId = $"{id:N}@{options.Value.MessageIdDomain}",
            IdempotencyKey = email.IdempotencyKey,
            LastError = email.Reason,
        };
        stateMachine.Start(entry, EmailStatus.Cancelado, actor.Name, email.Reason);
        db.Emails.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    private RenderedEmail Render(EnqueueEmailRequest request, Dictionary<string, List<string>> errors)
    {
        if (request.Subject is not null)
        {
            return new RenderedEmail(request.Subject, request.Html ?? "", request.Text ?? "");
        }

        try
        {
            return templates.Render(request.Template ?? request.Type!, request.Data);
        }
        catch (TemplateRenderException ex)
        {
            errors["data"] = [.. ex.Problems];
            return new RenderedEmail("", "", "");
        }
    }

    private async Task<EmailLogEntry?> FindByKeyAsync(string key, string requestHash, CancellationToken cancellationToken)
    {
        var existing = await db.Emails.AsNoTracking().FirstOrDefaultAsync(e => e.IdempotencyKey == key, cancellationToken);
        if (existing is not null && existing.RequestHash != requestHash)
        {
            throw new IdempotencyConflictException(key, existing.Id);
        }

        return existing;
    }

    private static string HashOf(EnqueueEmailRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, HashJson)));

    private static string? JoinAddresses(IReadOnlyList<EmailRecipient>? recipients) =>
        recipients is null or { Count: 0 } ? null : string.Join(", ", recipients.Select(r => r.Address));

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
