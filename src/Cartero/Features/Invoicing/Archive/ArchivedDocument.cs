namespace Cartero.Features.Invoicing.Archive;

/// <summary>One authorised comprobante as the archive stores it: the SRI's authorised XML and its RIDE.</summary>
/// <param name="Ride">Null when the RIDE could not be drawn; <paramref name="RideError"/> says why.</param>
internal sealed record ArchivedDocument(
    string DocumentType,
    string AccessKey,
    string Number,
    DateOnly IssueDate,
    DateTime? AuthorizedAt,
    string BuyerId,
    string BuyerName,
    decimal Total,
    byte[] Xml,
    byte[]? Ride,
    string? RideError = null);
