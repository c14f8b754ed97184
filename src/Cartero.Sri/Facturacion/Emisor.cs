namespace Cartero.Sri;

/// <summary>The issuer of the comprobante (infoTributaria and part of infoFactura).</summary>
/// <param name="Ruc">RUC, 13 digits ending in 001.</param>
/// <param name="RazonSocial">Razón social, up to 300 characters.</param>
/// <param name="DireccionMatriz">Dirección de la matriz.</param>
public sealed record Emisor(string Ruc, string RazonSocial, string DireccionMatriz)
{
    /// <summary>The legend the official schema accepts for RIMPE taxpayers.</summary>
    public const string LeyendaRimpe = "CONTRIBUYENTE RÉGIMEN RIMPE";

    /// <summary>Nombre comercial, optional.</summary>
    public string? NombreComercial { get; init; }

    /// <summary>Dirección del establecimiento that issues the document, optional.</summary>
    public string? DireccionEstablecimiento { get; init; }

    /// <summary>Obligado a llevar contabilidad (SI/NO).</summary>
    public bool ObligadoContabilidad { get; init; }

    /// <summary>Número de resolución de contribuyente especial, optional.</summary>
    public string? ContribuyenteEspecial { get; init; }

    /// <summary>Whether the issuer is in the RIMPE regime (writes <see cref="LeyendaRimpe"/>).</summary>
    public bool ContribuyenteRimpe { get; init; }

    /// <summary>Número de resolución de agente de retención, optional (digits, up to 8).</summary>
    public string? AgenteRetencion { get; init; }
}
