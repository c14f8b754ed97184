namespace Cartero.Features.Sending;

/// <summary>One append-only row of <c>log_envio_correo_evento</c>: an attempt or a state change.</summary>
public sealed class EmailLogEvent
{
    public long Id { get; set; }
    public Guid EmailId { get; set; }
    public DateTime OccurredAt { get; set; }
    public EmailStatus Status { get; set; }
    public EmailStatus? PreviousStatus { get; set; }
    public string? Detail { get; set; }
    public int? Code { get; set; }
    public string? Provider { get; set; }
    public int? DurationMs { get; set; }
    public string? Actor { get; set; }
    /// <summary>
    /// On the event of an accepted attempt: the SHA-256 of the MIME bytes the provider took, which is also the name of
    /// the stored <c>.eml</c> in the attachment store (the proof of delivery names it).
    /// </summary>
    public string? MessageSha256 { get; set; }
    /// <summary>
    /// Set on an event about one recipient (refused, deferred, accepted on a later attempt) rather than the whole email;
    /// such an event changes no state and is not counted as a transition by the statistics.
    /// </summary>
    public string? Recipient { get; set; }
    /// <summary>
    /// Null for an attempt or a state change; otherwise what else happened to the email without changing its state
    /// (<see cref="EmailEventKinds"/>): such an event keeps the state it found and is not counted as a transition.
    /// </summary>
    public string? Kind { get; set; }
    /// <summary>Position in its parent's chain (1, 2, …); null for events written before the chain was keyed.</summary>
    public int? Sequence { get; set; }
    /// <summary>The master key whose chain key signed this event.</summary>
    public string? KeyId { get; set; }
    /// <summary>HMAC-SHA256 of this event and the previous event of the same parent.</summary>
    public string? Hash { get; set; }
}
