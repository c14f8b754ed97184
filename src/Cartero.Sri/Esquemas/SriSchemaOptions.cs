namespace Cartero.Sri;

/// <summary>Where the SRI's XSD files live (factura_V1.1.0.xsd and xmldsig-core-schema.xsd).</summary>
public sealed record SriSchemaOptions
{
    /// <summary>File name of the factura 1.1.0 schema as the SRI publishes it.</summary>
    public const string ArchivoFactura = "factura_V1.1.0.xsd";

    /// <summary>File name of the nota de crédito 1.1.0 schema as the SRI publishes it.</summary>
    public const string ArchivoNotaCredito = "NotaCredito_V1.1.0.xsd";

    /// <summary>File name of the W3C XML-DSig schema the SRI schemas import.</summary>
    public const string ArchivoXmldsig = "xmldsig-core-schema.xsd";

    /// <summary>Folder that holds both schema files.</summary>
    public required string SchemaDirectory { get; init; }
}
