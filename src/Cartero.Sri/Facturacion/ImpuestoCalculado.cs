namespace Cartero.Sri;

/// <summary>A tax amount: per line (detalle/impuestos) or per group (totalConImpuestos).</summary>
public sealed record ImpuestoCalculado(int Codigo, string CodigoPorcentaje, decimal Tarifa, decimal BaseImponible, decimal Valor);
