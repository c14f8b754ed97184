namespace Cartero.Features.Settings;

/// <summary>The provider's exact answer to a test send, plus an explanation for a person.</summary>
public sealed record MailTestOutcome(Guid EmailId, string Status, string Outcome, int? Code, string Detail, string Explanation);
