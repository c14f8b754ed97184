namespace Cartero.Features.Invoicing;

/// <summary><c>Sri</c> configuration section.</summary>
public sealed class SriOptions
{
    /// <summary>
    /// Folder with the SRI's official schemas (<c>factura_V1.1.0.xsd</c> and <c>xmldsig-core-schema.xsd</c>), downloaded
    /// from the SRI portal ("Esquemas XSD y XML"); Cartero does not ship copies of them.
    /// </summary>
    public string SchemaDirectory { get; set; } = "./sri/xsd";

    /// <summary>Web services of the ambiente de pruebas; the SRI's celcer.sri.gob.ec addresses when empty.</summary>
    public SriEndpointOptions Pruebas { get; set; } = new();

    /// <summary>Web services of the ambiente de producción; the SRI's cel.sri.gob.ec addresses when empty.</summary>
    public SriEndpointOptions Produccion { get; set; } = new();

    /// <summary>Longest wait for one web-service call before it counts as a transient failure.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait after RECIBIDA before asking for the autorización; doubles while the SRI says it is still processing.</summary>
    public TimeSpan AuthorizationFirstDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Longest wait between two autorización queries or two recepción attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the processor looks for due invoices when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether this instance processes invoices (sign, send to the SRI, mail); on by default.</summary>
    public bool ProcessorEnabled { get; set; } = true;
}
