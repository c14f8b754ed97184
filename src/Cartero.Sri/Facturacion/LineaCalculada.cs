namespace Cartero.Sri;

/// <summary>The computed amounts of one line.</summary>
public sealed record LineaCalculada(decimal PrecioTotalSinImpuesto, IReadOnlyList<ImpuestoCalculado> Impuestos);
