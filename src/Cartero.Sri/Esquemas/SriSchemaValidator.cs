using System.Xml;
using System.Xml.Schema;

namespace Cartero.Sri;

/// <summary>
/// Validates facturas against the SRI's own factura_V1.1.0.xsd and notas de crédito against
/// NotaCredito_V1.1.0.xsd (each with the XML-DSig schema it imports), reporting every violation
/// with its line. Thread-safe; each schema loads once, when first needed.
/// </summary>
public sealed class SriSchemaValidator
{
    private readonly Lazy<XmlSchemaSet> _esquemas;
    private readonly Lazy<XmlSchemaSet> _esquemasNotaCredito;

    /// <summary>Creates a validator reading the schemas from <see cref="SriSchemaOptions.SchemaDirectory"/>.</summary>
    public SriSchemaValidator(SriSchemaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _esquemas = new Lazy<XmlSchemaSet>(() => Cargar(options.SchemaDirectory), LazyThreadSafetyMode.ExecutionAndPublication);
        // A set of its own: both schemas declare global types with the same names (infoTributaria, impuesto…).
        _esquemasNotaCredito = new Lazy<XmlSchemaSet>(() => Cargar(options.SchemaDirectory, SriSchemaOptions.ArchivoNotaCredito), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Validates a nota de crédito's XML bytes.</summary>
    /// <exception cref="EsquemasSriNoEncontradosException">The schema folder or files are missing.</exception>
    public ResultadoValidacionEsquema ValidarNotaCredito(byte[] xml) => Validar(xml, _esquemasNotaCredito);

    /// <summary>Validates a factura's XML bytes.</summary>
    /// <exception cref="EsquemasSriNoEncontradosException">The schema folder or files are missing.</exception>
    public ResultadoValidacionEsquema ValidarFactura(byte[] xml) => Validar(xml, _esquemas);

    private static ResultadoValidacionEsquema Validar(byte[] xml, Lazy<XmlSchemaSet> conjunto)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var esquemas = conjunto.Value;
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

    private static XmlSchemaSet Cargar(string carpeta, string archivoComprobante = SriSchemaOptions.ArchivoFactura)
    {
        const string consejo = "descargue los esquemas del portal del SRI (https://www.sri.gob.ec/facturacion-electronica, \"Esquemas XSD y XML\") y el esquema xmldsig-core-schema.xsd del W3C, y colóquelos en esa carpeta";
        if (string.IsNullOrWhiteSpace(carpeta) || !Directory.Exists(carpeta))
        {
            throw new EsquemasSriNoEncontradosException($"No existe la carpeta de esquemas del SRI '{carpeta}': {consejo}.");
        }

        var faltan = new[] { SriSchemaOptions.ArchivoXmldsig, archivoComprobante }
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
            foreach (var archivo in new[] { SriSchemaOptions.ArchivoXmldsig, archivoComprobante })
            {
                using var texto = Abrir(Path.Combine(carpeta, archivo));
                using var reader = XmlReader.Create(texto, lectura);
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

    // NotaCredito_V1.1.0.xsd as the SRI publishes it declares XML version 1.1, which .NET does not
    // read; its content is plain XML 1.0, so only the declaration is read as 1.0 (the file is untouched).
    private static TextReader Abrir(string ruta)
    {
        var texto = File.ReadAllText(ruta, System.Text.Encoding.UTF8);
        const string version11 = "<?xml version=\"1.1\"";
        return new StringReader(texto.StartsWith(version11, StringComparison.Ordinal) ? "<?xml version=\"1.0\"" + texto[version11.Length..] : texto);
    }
}
