using System.Data.Common;
using Cartero.Features.Sending.Attachments;
using Cartero.Features.Sending.Worker;
using Cartero.Features.Templates;
using Cartero.Platform;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Sending.Enqueue;

/// <summary>
/// Turns a send request into a <c>log_envio_correo</c> row in <c>en_cola</c>: validates everything first,
/// renders the template, stores the attachments, then writes the row, its content and its first event in
/// one transaction (<see cref="EmailLogInserter"/>). Other features (invoicing, alerts, the test send) enqueue through here too.
/// </summary>
public sealed class EmailEnqueuer(
    CarteroDbContext db,
    EmailRequestValidator validator,
    IEmailTemplates templates,
    AttachmentValidator attachmentValidator,
    AttachmentStore attachmentStore,
    EmailStateMachine stateMachine,
    EmailLogInserter inserter,
    [FromKeyedServices(SendingModule.WorkSignalKey)] Platform.WorkSignal signal,
    TimeProvider time,
    IOptions<SendingOptions> options,
    ProtectedContent protectedContent)
{

    /// <summary>Most emails one batch request may carry: one transaction, one answer.</summary>
    public const int MaxBatchSize = 500;

    /// <summary>Enqueues the request or throws <see cref="EnqueueValidationException"/> / <see cref="IdempotencyConflictException"/>.</summary>
    /// <returns>The email and whether it already existed under the same idempotency key.</returns>
    public Task<(EmailLogEntry Entry, bool Replayed)> EnqueueAsync(EnqueueEmailRequest request, RequestActor actor, string origin, CancellationToken cancellationToken) =>
        EnqueueOneAsync(request, Incoming(request), () => HashOf(request), actor, origin, cancellationToken);

    /// <summary>
    /// For callers inside the app (the invoice and credit-note mail, the sale receipt, clinical documents): the checks and
    /// the idempotency of the API's entry point, with the attachments as bytes, never encoded to base64 and decoded
    /// again. <see cref="EnqueueEmailRequest.Attachments"/> stays empty; the API keeps base64 in it.
    /// </summary>
    public Task<(EmailLogEntry Entry, bool Replayed)> EnqueueAsync(EnqueueEmailRequest request, IReadOnlyList<EmailAttachmentContent> attachments, RequestActor actor, string origin, CancellationToken cancellationToken)
    {
        if (request.Attachments is { Count: > 0 })
        {
            throw new ArgumentException("Attachments go either as bytes or in the request, not both.", nameof(request));
        }

        var incoming = attachments.Select(a => new IncomingAttachment(a.FileName, a.ContentType, null, a.Content)).ToList();
        // Each file enters the hash by its SHA-256, so a repeat with the same files is a replay without encoding them.
        return EnqueueOneAsync(request, incoming, () => Idempotency.HashOf(new
        {
            request,
            attachments = attachments.Select(a => new { a.FileName, a.ContentType, sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(a.Content)) }),
        }), actor, origin, cancellationToken);
    }

    private async Task<(EmailLogEntry Entry, bool Replayed)> EnqueueOneAsync(EnqueueEmailRequest request, IReadOnlyList<IncomingAttachment> attachments, Func<string> hashOf, RequestActor actor, string origin, CancellationToken cancellationToken)
    {
        // Before the hash: a body the hash cannot serialise (a lone surrogate in data…) is a 400, not a 500.
        if (validator.Validate(request) is { Count: > 0 } early)
        {
            throw Invalid(early);
        }

        var requestHash = request.IdempotencyKey is null ? null : hashOf();
        if (request.IdempotencyKey is { } key && await FindByKeyAsync(key, requestHash!, cancellationToken) is { } existing)
        {
            return (existing, true);
        }

        var prepared = Prepare(request, "", attachments);
        if (prepared.Errors.Count > 0)
        {
            throw Invalid(prepared.Errors);
        }

        var entry = await BuildEntryAsync(request, prepared, requestHash, actor, origin, cancellationToken);
        try
        {
            await inserter.InsertAsync(db, [entry], cancellationToken);
        }
        catch (DbException) when (request.IdempotencyKey is { } raced)
        {
            // Another request with the same key won the race; answer as the replay it is (or the conflict).
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
    /// Stores the request already reserved by <paramref name="owner"/>: the row and its <c>en_cola</c> and <c>enviando</c>
    /// events in one transaction, with a lease, for a caller that sends it itself at once (the connection test). No
    /// worker can claim it while the lease lasts; if the caller dies, a worker finds it when the lease expires.
    /// </summary>
    /// <returns>The email in <c>enviando</c>, its events saved, its content loaded.</returns>
    public async Task<EmailLogEntry> EnqueueClaimedAsync(EnqueueEmailRequest request, RequestActor actor, string origin, string owner, string detail, CancellationToken cancellationToken)
    {
        var prepared = Prepare(request, "");
        if (prepared.Errors.Count > 0)
        {
            throw Invalid(prepared.Errors);
        }

        var entry = await BuildEntryAsync(request, prepared, null, actor, origin, cancellationToken);
        stateMachine.Transition(entry, EmailStatus.Enviando, new TransitionDetail(detail, Actor: owner));
        entry.LeaseOwner = owner;
        entry.LeaseExpiresAt = time.GetUtcNow().UtcDateTime + options.Value.Worker.Lease;
        await inserter.InsertAsync(db, [entry], cancellationToken);
        entry.Events.Clear();
        EmailTransitionWriter.Remember(db, [entry]);
        return entry;
    }

    /// <summary>
    /// Enqueues up to <see cref="MaxBatchSize"/> emails in one transaction: all of them or, when any item is invalid,
    /// none (errors are keyed <c>items[i].field</c>). Items whose idempotency key is already stored are replays.
    /// </summary>
    public Task<IReadOnlyList<(EmailLogEntry Entry, bool Replayed)>> EnqueueManyAsync(IReadOnlyList<EnqueueEmailRequest> requests, RequestActor actor, string origin, CancellationToken cancellationToken) =>
        EnqueueManyAsync(requests, actor, origin, retried: false, cancellationToken);

    private async Task<IReadOnlyList<(EmailLogEntry Entry, bool Replayed)>> EnqueueManyAsync(IReadOnlyList<EnqueueEmailRequest> requests, RequestActor actor, string origin, bool retried, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        if (requests.Count is 0 or > MaxBatchSize)
        {
            throw Invalid(new() { ["items"] = [$"Envíe entre 1 y {MaxBatchSize} correos por lote; llegaron {requests.Count}."] });
        }

        var empty = Enumerable.Range(0, requests.Count).Where(i => requests[i] is null).ToList();
        if (empty.Count > 0)
        {
            throw Invalid(empty.ToDictionary(i => $"items[{i}]", _ => new List<string> { "El correo está vacío: envíe sus datos o quítelo del lote." }));
        }

        // Before the hashes, as in EnqueueAsync.
        for (var i = 0; i < requests.Count; i++)
        {
            foreach (var (field, messages) in validator.Validate(requests[i]))
            {
                errors[$"items[{i}].{field}"] = messages;
            }
        }

        if (errors.Count > 0)
        {
            throw Invalid(errors);
        }

        var hashes = requests.Select(r => r.IdempotencyKey is null ? null : HashOf(r)).ToArray();
        var keys = requests.Select(r => r.IdempotencyKey).OfType<string>().ToList();
        foreach (var duplicate in keys.GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var index = requests.Select((r, i) => (r, i)).Where(x => x.r.IdempotencyKey == duplicate.Key).Skip(1).First().i;
            errors[$"items[{index}].idempotencyKey"] = [$"La clave de idempotencia «{duplicate.Key}» se repite en el lote."];
        }

        var stored = keys.Count == 0
            ? []
            : await db.Emails.AsNoTracking().Where(e => e.IdempotencyKey != null && keys.Contains(e.IdempotencyKey)).ToDictionaryAsync(e => e.IdempotencyKey!, cancellationToken);
        var results = new (EmailLogEntry Entry, bool Replayed)[requests.Count];
        var prepared = new Prepared?[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            if (requests[i].IdempotencyKey is { } key && stored.TryGetValue(key, out var existing))
            {
                results[i] = (Idempotency.Replay(existing, hashes[i]!, Conflict)!, true);
                continue;
            }

            var item = Prepare(requests[i], $"items[{i}].");
            foreach (var (field, messages) in item.Errors)
            {
                errors.TryAdd(field, []);
                errors[field].AddRange(messages);
            }

            prepared[i] = item;
        }

        if (errors.Count > 0)
        {
            throw Invalid(errors);
        }

        var added = new List<EmailLogEntry>();
        for (var i = 0; i < requests.Count; i++)
        {
            if (prepared[i] is { } item)
            {
                var entry = await BuildEntryAsync(requests[i], item, hashes[i], actor, origin, cancellationToken);
                added.Add(entry);
                results[i] = (entry, false);
            }
        }

        try
        {
            await inserter.InsertAsync(db, added, cancellationToken);
        }
        catch (DbException) when (keys.Count > 0 && !retried)
        {
            // A concurrent request stored one of the keys first: answer the batch again, now as replays where they are.
            return await EnqueueManyAsync(requests, actor, origin, retried: true, cancellationToken);
        }

        if (added.Count > 0)
        {
            signal.Notify();
        }

        return results;
    }

    /// <summary>Validation, template rendering and attachment checks of one request; nothing stored yet.</summary>
    private Prepared Prepare(EnqueueEmailRequest request, string prefix, IReadOnlyList<IncomingAttachment>? incoming = null)
    {
        var errors = validator.Validate(request);
        // An empty item in the list is already reported by the validator; the rest are checked once it is gone.
        var attachments = attachmentValidator.Validate(incoming ?? Incoming(request));
        if (request.Attachments?.Any(a => a is null) != true)
        {
            foreach (var (field, messages) in attachments.Errors)
            {
                errors.TryAdd(field, []);
                errors[field].AddRange(messages);
            }
        }

        RenderedEmail? rendered = null;
        if (errors.Count == 0)
        {
            rendered = Render(request, errors);
        }

        return new Prepared(
            errors.ToDictionary(e => prefix + e.Key, e => e.Value),
            rendered,
            attachments.Valid);
    }

    private async Task<EmailLogEntry> BuildEntryAsync(EnqueueEmailRequest request, Prepared prepared, string? requestHash, RequestActor actor, string origin, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var rendered = prepared.Rendered!;
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
            Subject = rendered.Subject,
            Template = request.Subject is null ? request.Template ?? request.Type : null,
            MessageId = $"{id:N}@{options.Value.MessageIdDomain}",
            NextAttemptAt = now.UtcDateTime,
            IdempotencyKey = request.IdempotencyKey,
            RequestHash = requestHash,
            Content = new EmailContent { EmailId = id, Html = NullIfEmpty(rendered.Html), Text = NullIfEmpty(rendered.Text) },
        };

        // Health data is never stored in plain text: the body and the attachment files of these types are encrypted.
        var seal = ProtectedContent.Protects(entry.Type);
        if (seal)
        {
            entry.Content.Html = protectedContent.Seal(id, ProtectedContent.HtmlColumn, entry.Content.Html);
            entry.Content.Text = protectedContent.Seal(id, ProtectedContent.TextColumn, entry.Content.Text);
        }

        foreach (var attachment in prepared.Attachments)
        {
            var stored = await attachmentStore.SaveAsync(seal ? protectedContent.SealAttachment(id, attachment.Content) : attachment.Content, cancellationToken);
            entry.Attachments.Add(new EmailAttachmentInfo
            {
                FileName = attachment.FileName,
                ContentType = attachment.ContentType,
                Size = attachment.Content.Length,
                Sha256 = stored.Sha256,
            });
        }

        stateMachine.Start(entry, EmailStatus.EnCola, actor.Name, $"Solicitado ({origin}) por {actor.Name}");
        return entry;
    }

    private static EnqueueValidationException Invalid(Dictionary<string, List<string>> errors) =>
        new(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

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
        await inserter.InsertAsync(db, [entry], cancellationToken);
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

    private Task<EmailLogEntry?> FindByKeyAsync(string key, string requestHash, CancellationToken cancellationToken) =>
        Idempotency.FindAsync(db.Emails, key, requestHash, Conflict, cancellationToken);

    private static IdempotencyConflictException Conflict(EmailLogEntry existing) => new(existing.IdempotencyKey!, existing.Id);

    private static string HashOf(EnqueueEmailRequest request) => Idempotency.HashOf(request);

    private static List<IncomingAttachment> Incoming(EnqueueEmailRequest request) =>
        (request.Attachments ?? []).Where(a => a is not null).Select(a => new IncomingAttachment(a.FileName, a.ContentType, a.ContentBase64)).ToList();

    private static string? JoinAddresses(IReadOnlyList<EmailRecipient>? recipients) =>
        recipients is null or { Count: 0 } ? null : string.Join(", ", recipients.Select(r => r.Address));

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private sealed record Prepared(Dictionary<string, List<string>> Errors, RenderedEmail? Rendered, IReadOnlyList<ValidAttachment> Attachments);
}
