using Cartero.Features.Sending;

namespace Cartero.Features.Tracking;

/// <summary>The outcome of one report, the email it matched and the state that email is in afterwards.</summary>
public sealed record DeliveryReportResult(DeliveryReportOutcome Outcome, Guid? EmailId = null, EmailStatus? Status = null, bool Suppressed = false);
