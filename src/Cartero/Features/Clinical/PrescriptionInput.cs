namespace Cartero.Features.Clinical;

/// <summary>A prescription as typed in the form (text, so a wrong number gets a Spanish message instead of a binding error).</summary>
public sealed class PrescriptionInput
{
    public string? OdEsfera { get; set; }
    public string? OdCilindro { get; set; }
    public string? OdEje { get; set; }
    public string? OdAdicion { get; set; }
    public string? OdPrisma { get; set; }
    public string? OdDp { get; set; }
    public string? OiEsfera { get; set; }
    public string? OiCilindro { get; set; }
    public string? OiEje { get; set; }
    public string? OiAdicion { get; set; }
    public string? OiPrisma { get; set; }
    public string? OiDp { get; set; }
    public string? Notas { get; set; }
    public string? Optometrista { get; set; }
    public string? Registro { get; set; }
}
