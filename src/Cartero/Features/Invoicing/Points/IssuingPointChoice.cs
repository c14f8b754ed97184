namespace Cartero.Features.Invoicing.Points;

/// <summary>An establecimiento and punto de emisión pair.</summary>
public sealed record IssuingPointChoice(string Establishment, string Point);
