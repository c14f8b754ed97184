namespace Cartero.Features.Sending.Attachments;

/// <summary>The decoded attachments, or the field-level errors (keys like <c>attachments[0].contentBase64</c>).</summary>
public sealed record AttachmentValidation(Dictionary<string, List<string>> Errors, IReadOnlyList<ValidAttachment> Valid);
