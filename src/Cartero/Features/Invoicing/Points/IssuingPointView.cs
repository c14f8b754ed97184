namespace Cartero.Features.Invoicing.Points;

/// <summary>A punto de emisión: its RIDE layout, the next secuencial in the current ambiente and the users who invoice there by default.</summary>
public sealed record IssuingPointView(string Code, string Description, string RideLayout, long NextSequential, bool IsDefault, IReadOnlyList<string> Users);
