namespace Cartero.Sri;

/// <summary>One payment (pagos/pago). The payments must add up to importeTotal.</summary>
public sealed record Pago(FormaPago FormaPago, decimal Total)
{
    /// <summary>Plazo, optional (with <see cref="UnidadTiempo"/>).</summary>
    public decimal? Plazo { get; init; }

    /// <summary>Unidad de tiempo of the plazo, e.g. "dias".</summary>
    public string? UnidadTiempo { get; init; }
}
