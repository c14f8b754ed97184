namespace Cartero.Features.Sending;

/// <summary>
/// One row of <c>log_envio_correo</c>: an email the system was asked to send, with its current state.
/// State changes go through <see cref="EmailStateMachine"/> only, which also appends the event.
/// </summary>
public sealed class EmailLogEntry : Platform.IIdempotentRecord
{
    public Guid Id { get; set; }
    public DateTime RequestedAt { get; set; }
    public required string Type { get; set; }
    public required string RecipientKind { get; set; }
    public string? RecipientId { get; set; }
    public required string ToAddress { get; set; }
    public string? ToName { get; set; }
    public string? Cc { get; set; }
    public string? Bcc { get; set; }
    public string? EntityType { get; set; }
    public string? EntityId { get; set; }
    public EmailStatus Status { get; set; }
    public string? LastError { get; set; }
    public required string Origin { get; set; }
    public required string OriginatedBy { get; set; }
    public required string Subject { get; set; }
    public string? Template { get; set; }
    public string? Provider { get; set; }
    public string? ProviderMessageId { get; set; }
    public required string MessageId { get; set; }
    public int Attempts { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public string? IdempotencyKey { get; set; }
    public string? RequestHash { get; set; }
    /// <summary>
    /// Comma-separated addresses still to deliver after a partial delivery (the server deferred them with 4xx while it
    /// accepted the others); a retry sends only to these. Null: every recipient.
    /// </summary>
    public string? PendingRecipients { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseExpiresAt { get; set; }
    /// <summary>How many chained events this row has; the events' chain is checked against it.</summary>
    public int EventCount { get; set; }
    /// <summary>The hash of the last chained event (the head of this row's chain).</summary>
    public string? EventsHead { get; set; }
    /// <summary>When the retention job removed the rendered body and the attachments; the row and its events stay.</summary>
    public DateTime? ContentPurgedAt { get; set; }

    /// <summary>
    /// Not stored: the row as this process read or last wrote it (<see cref="EmailTransitionWriter.Remember"/>).
    /// <see cref="EmailTransitionWriter"/> writes the columns that differ from it, and only while the row still has its
    /// state, chain length and lease owner, so a worker whose lease was taken over cannot overwrite what the new owner
    /// records.
    /// </summary>
    internal object?[]? AsStored { get; set; }
    public List<EmailAttachmentInfo> Attachments { get; set; } = [];
    public EmailContent? Content { get; set; }
    public List<EmailLogEvent> Events { get; set; } = [];
}
