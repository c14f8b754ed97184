namespace Cartero.Sri;

/// <summary>Ambiente del SRI en que se emite el comprobante.</summary>
public enum Ambiente
{
    /// <summary>1: ambiente de pruebas (celcer.sri.gob.ec); sin validez tributaria.</summary>
    Pruebas = 1,
    /// <summary>2: ambiente de producción (cel.sri.gob.ec).</summary>
    Produccion = 2,
}
