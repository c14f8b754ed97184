namespace Cartero.Features.Store;

/// <summary>What the counter shows of a sale's mail (also the JSON the sale page polls).</summary>
/// <param name="Kind"><c>comprobante</c>, <c>factura</c> or <c>ninguno</c>.</param>
/// <param name="Status">The send log state code, or null while there is no email yet (an invoice on its way to the SRI).</param>
/// <param name="Label">The state in plain Spanish.</param>
/// <param name="Reason">Why it failed, in plain Spanish, saying what to do next; null unless failed or bounced.</param>
/// <param name="Settled">No further change is expected without someone acting (the page stops polling).</param>
public sealed record SaleMailState(string Kind, Guid? EmailId, string? Status, string Label, string? Reason, string? Address, bool CanRetry, bool CanCorrect, bool Settled);
