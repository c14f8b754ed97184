namespace Cartero.Features.Invoicing;

/// <summary><c>Sri</c> configuration section.</summary>
public sealed class SriOptions
{
    /// <summary>
    /// Folder with the SRI's official schemas (<c>factura_V1.1.0.xsd</c> and <c>xmldsig-core-schema.xsd</c>), downloaded
    /// from the SRI portal ("Esquemas XSD y XML"); Cartero does not ship copies of them.
    /// </summary>
    public string SchemaDirectory { get; set; } = "./sri/xsd";
}
