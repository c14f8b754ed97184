namespace Cartero.Features.Tracking.Proof;

/// <summary>
/// The content of a proof of delivery (<c>constancia de envío</c>): what was asked, what went out (hashes of the MIME
/// bytes and of each attachment), every attempt with the receiving side's literal answer and every later report.
/// Times are UTC (ISO 8601) in the JSON; the PDF shows them in America/Guayaquil.
/// </summary>
public sealed record DeliveryProof(
    Guid ProofId,
    DateTime GeneratedAt,
    string GeneratedBy,
    Guid EmailId,
    ProofRequest Request,
    ProofRecipients Recipients,
    string Subject,
    string MessageId,
    string Status,
    string? Provider,
    string? ProviderMessageId,
    IReadOnlyList<ProofAttachment> Attachments,
    IReadOnlyList<ProofSentMessage> SentMessages,
    IReadOnlyList<ProofEvent> Events,
    ProofInvoice? Invoice);
