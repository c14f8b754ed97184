namespace Cartero.Features.Invoicing;

/// <summary>The stored RIDE logo, described: its type, size and pixel dimensions.</summary>
public sealed record InvoiceLogoView(string ContentType, int Bytes, int Width, int Height);
