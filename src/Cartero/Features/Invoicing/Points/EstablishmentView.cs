namespace Cartero.Features.Invoicing.Points;

/// <summary>An establecimiento and its puntos de emisión as the settings show them.</summary>
public sealed record EstablishmentView(string Code, string Name, string? Address, bool IsDefault, IReadOnlyList<IssuingPointView> Points);
