using System.Xml;
using System.Xml.Schema;

namespace Cartero.Sri;

/// <summary>
/// Validates facturas against the SRI's own factura_V1.1.0.xsd (plus the XML-DSig schema it
/// imports), reporting every violation with its line. Thread-safe; the schemas load once.
/// </summary>
public sealed class SriSchemaValidator
{
    private readonly Lazy<XmlSchemaSet> _esquemas;

    /// <summary>Creates a validator reading the schemas from <see cref="SriSchemaOptions.SchemaDirectory"/>.</summary>
    public SriSchemaValidator(SriSchemaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _esquemas = new Lazy<XmlSchemaSet>(() => Cargar(options.SchemaDirectory), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Validates a factura's XML bytes.</summary>
    /// <exception cref="EsquemasSriNoEncontradosException">The schema folder or files are missing.</exception>
    public ResultadoValidacionEsquema ValidarFactura(byte[] xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var esquemas = _esquemas.Value;
        var errores = new List<ErrorEsquema>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = esquemas,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            ValidationFlags = XmlSchemaValidationFlags.ProcessIdentityConstraints,
        };

        // Warnings are left out on purpose: the XAdES elements inside ds:Object are validated
        // laxly (no ETSI schema), which only ever yields "no schema information" warnings.
        settings.ValidationEventHandler += (_, e) =>
        {
            if (e.Severity == XmlSeverityType.Error)
            {
                errores.Add(new ErrorEsquema(e.Exception?.LineNumber ?? 0, e.Exception?.LinePosition ?? 0, e.Message));
            }
        };
        try
        {
            using var ms = new MemoryStream(xml);
            using var reader = XmlReader.Create(ms, settings);
            while (reader.Read())
            {
            }
        }
        catch (XmlException ex)
        {
            errores.Add(new ErrorEsquema(ex.LineNumber, ex.LinePosition, "XML mal formado: " + ex.Message));
        }

        return new ResultadoValidacionEsquema(errores);
    }

    private static XmlSchemaSet Cargar(string carpeta)
    {
        const string consejo = "descargue los esquemas del portal del SRI (https://www.sri.gob.ec/facturacion-electronica, \"Esquemas XSD y XML\") y el esquema xmldsig-core-schema.xsd del W3C, y colóquelos en esa carpeta";
        if (string.IsNullOrWhiteSpace(carpeta) || !Directory.Exists(carpeta))
        {
            throw new EsquemasSriNoEncontradosException($"No existe la carpeta de esquemas del SRI '{carpeta}': {consejo}.");
        }

        var faltan = new[] { SriSchemaOptions.ArchivoXmldsig, SriSchemaOptions.ArchivoFactura }
            .Where(a => !File.Exists(Path.Combine(carpeta, a))).ToList();
        if (faltan.Count > 0)
        {
            throw new EsquemasSriNoEncontradosException($"Faltan {string.Join(" y ", faltan)} en la carpeta de esquemas '{carpeta}': {consejo}.");
        }

        // xmldsig-core-schema.xsd carries a DOCTYPE, so DTDs must be parsed; with no resolver
        // nothing outside the folder is fetched.
        var lectura = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null };
        var set = new XmlSchemaSet { XmlResolver = null };
        try
        {
            foreach (var archivo in new[] { SriSchemaOptions.ArchivoXmldsig, SriSchemaOptions.ArchivoFactura })
            {
                using var reader = XmlReader.Create(Path.Combine(carpeta, archivo), lectura);
                set.Add(null, reader);
            }

            set.Compile();
        }
        catch (Exception ex) when (ex is XmlException or XmlSchemaException or IOException or UnauthorizedAccessException)
        {
            throw new EsquemasSriNoEncontradosException($"No se pudieron leer los esquemas de '{carpeta}' ({ex.Message}): {consejo}.", ex);
        }

        return set;
    }
}
