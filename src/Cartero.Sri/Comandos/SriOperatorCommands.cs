using System.Globalization;
using System.Xml;

namespace Cartero.Sri;

/// <summary>
/// Operator commands over SRI files, for the app's command line:
/// <c>clave &lt;clave&gt;</c>, <c>validar &lt;archivo.xml&gt;</c> and <c>ride &lt;archivo.xml&gt; &lt;salida.pdf&gt;</c>.
/// Exit codes: 0 success, 1 the input has problems (all listed), 2 wrong usage.
/// </summary>
public static class SriOperatorCommands
{
    /// <summary>Usage text, in Spanish.</summary>
    public const string Uso = """
        Uso:
          clave <clave-de-acceso>          valida una clave de acceso y muestra sus partes
          validar <archivo.xml>            valida una factura o una nota de crédito (o la autorización del SRI
                                           que la contiene): esquema XSD, clave de acceso, reglas aritméticas y firma
          ride <archivo.xml> <salida.pdf>  genera el RIDE en PDF de una factura o nota de crédito firmada o autorizada
        """;

    /// <summary>Runs one command and returns its exit code.</summary>
    /// <param name="args">Command and its arguments.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where usage and I/O errors go.</param>
    /// <param name="schemaDirectory">Folder with factura_V1.1.0.xsd and xmldsig-core-schema.xsd.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, string schemaDirectory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        switch (args)
        {
            case ["clave", var clave]:
                return await ClaveAsync(clave, stdout).ConfigureAwait(false);
            case ["validar", var archivo]:
                return await ValidarAsync(archivo, stdout, stderr, schemaDirectory, ct).ConfigureAwait(false);
            case ["ride", var archivo, var salida]:
                return await RideAsync(archivo, salida, stdout, stderr, ct).ConfigureAwait(false);
            default:
                await stderr.WriteLineAsync(Uso.AsMemory(), ct).ConfigureAwait(false);
                return 2;
        }
    }

    private static async Task<int> ClaveAsync(string valor, TextWriter stdout)
    {
        var resultado = ClaveDeAcceso.Validar(valor.Trim());
        if (resultado.Clave is not { } c)
        {
            await stdout.WriteLineAsync($"Clave de acceso inválida: {valor}").ConfigureAwait(false);
            foreach (var e in resultado.Errores)
            {
                await stdout.WriteLineAsync($"  - {e}").ConfigureAwait(false);
            }

            return 1;
        }

        var tipo = c.TipoComprobante switch
        {
            TipoComprobante.Factura => "factura",
            TipoComprobante.LiquidacionCompra => "liquidación de compra",
            TipoComprobante.NotaCredito => "nota de crédito",
            TipoComprobante.NotaDebito => "nota de débito",
            TipoComprobante.GuiaRemision => "guía de remisión",
            _ => "comprobante de retención",
        };
        await stdout.WriteLineAsync($"""
            Clave de acceso válida: {c.Valor}
              Fecha de emisión:    {c.FechaEmision.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}
              Tipo de comprobante: {(int)c.TipoComprobante:00} {tipo}
              RUC del emisor:      {c.Ruc}
              Ambiente:            {(int)c.Ambiente} {(c.Ambiente == Ambiente.Produccion ? "producción" : "pruebas")}
              Establecimiento:     {c.Establecimiento}
              Punto de emisión:    {c.PuntoEmision}
              Secuencial:          {c.Secuencial}
              Número:              {c.NumeroComprobante}
              Código numérico:     {c.CodigoNumerico}
              Tipo de emisión:     {(int)c.TipoEmision} normal
              Dígito verificador:  {c.DigitoVerificador}
            """).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> ValidarAsync(string ruta, TextWriter stdout, TextWriter stderr, string schemaDirectory, CancellationToken ct)
    {
        var bytes = await LeerArchivoAsync(ruta, stderr, ct).ConfigureAwait(false);
        if (bytes is null)
        {
            return 1;
        }

        var problemas = new List<string>();
        ArchivoComprobante archivo;
        try
        {
            archivo = ArchivoComprobante.Leer(bytes);
        }
        catch (Exception ex) when (ex is XmlException or FormatException)
        {
            await stdout.WriteLineAsync($"El archivo no se puede leer como comprobante: {ex.Message}".AsMemory(), ct).ConfigureAwait(false);
            return 1;
        }

        if (archivo.Estado is { } estado)
        {
            await stdout.WriteLineAsync($"Autorización del SRI: {estado}, número {archivo.NumeroAutorizacion}, fecha {archivo.FechaAutorizacion?.ToString("dd/MM/yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture)}".AsMemory(), ct).ConfigureAwait(false);
            if (estado != "AUTORIZADO")
            {
                problemas.Add($"[autorización] El estado de la autorización es {estado}, no AUTORIZADO.");
            }
        }

        if (EsNotaCredito(archivo.Comprobante))
        {
            return await ValidarNotaCreditoAsync(archivo, problemas, stdout, stderr, schemaDirectory, ct).ConfigureAwait(false);
        }

        try
        {
            var esquema = new SriSchemaValidator(new SriSchemaOptions { SchemaDirectory = schemaDirectory }).ValidarFactura(archivo.Comprobante);
            problemas.AddRange(esquema.Errores.Select(e => $"[esquema] {e}"));
        }
        catch (EsquemasSriNoEncontradosException ex)
        {
            await stderr.WriteLineAsync(ex.Message.AsMemory(), ct).ConfigureAwait(false);
            return 1;
        }

        FacturaLeida leida;
        try
        {
            leida = FacturaXmlReader.Leer(archivo.Comprobante);
        }
        catch (Exception ex) when (ex is XmlException or FormatException)
        {
            problemas.Add($"[factura] {ex.Message}");
            return await InformarAsync(stdout, problemas, "El comprobante", ct).ConfigureAwait(false);
        }

        if (leida.Version != FacturaXmlWriter.Version)
        {
            await stdout.WriteLineAsync($"Aviso: la factura es versión {leida.Version}; Cartero emite la versión {FacturaXmlWriter.Version}.".AsMemory(), ct).ConfigureAwait(false);
        }

        problemas.AddRange(leida.Problemas.Select(p => $"[factura] {p}"));
        if (leida.Problemas.Count == 0)
        {
            var pagosDeclarados = leida.Factura.Pagos.Sum(p => p.Total);
            var reglas = FacturaValidador.Validar(leida.Factura)
                // Payments are checked below against the declared importeTotal, which may differ by
                // a cent from the recomputed one without being an error.
                .Where(p => !(p.Campo == "infoFactura/pagos" && p.Mensaje.StartsWith("La suma de los pagos", StringComparison.Ordinal)
                    && pagosDeclarados == leida.TotalesDeclarados.ImporteTotal));
            problemas.AddRange(reglas.Select(p => $"[{(p.Campo.EndsWith("claveAcceso", StringComparison.Ordinal) ? "clave" : "reglas")}] {p}"));
            if (leida.Factura.Detalles.All(d => d.Impuestos.Count > 0))
            {
                // A one-cent difference is reported but not counted: other issuers' software rounds
                // differently and the SRI has authorised such documents.
                var calculados = FacturaCalculadora.Calcular(leida.Factura);
                var graves = FacturaValidador.CompararTotales(leida.TotalesDeclarados, calculados, tolerancia: 0.01m);
                problemas.AddRange(graves.Select(p => $"[aritmética] {p}"));
                foreach (var leve in FacturaValidador.CompararTotales(leida.TotalesDeclarados, calculados).Where(x => !graves.Any(g => g.Campo == x.Campo)))
                {
                    await stdout.WriteLineAsync($"Aviso: diferencia de un centavo en {leve}".AsMemory(), ct).ConfigureAwait(false);
                }
            }

            if (leida.Factura.Pagos.Count > 0 && pagosDeclarados != leida.TotalesDeclarados.ImporteTotal)
            {
                problemas.Add($"[aritmética] infoFactura/pagos: la suma de los pagos ({FacturaValidador.Formato(pagosDeclarados)}) no coincide con el importeTotal declarado ({FacturaValidador.Formato(leida.TotalesDeclarados.ImporteTotal)}).");
            }
        }

        if (archivo.NumeroAutorizacion is { } numero && leida.Factura.ClaveAcceso is { } claveDoc && numero != claveDoc)
        {
            problemas.Add($"[autorización] El número de autorización {numero} no es la clave de acceso del comprobante {claveDoc}.");
        }

        if (leida.Firmada)
        {
            var firma = VerificadorXades.Verificar(archivo.Comprobante);
            problemas.AddRange(firma.Errores.Select(e => $"[firma] {e}"));
            foreach (var aviso in firma.Advertencias)
            {
                await stdout.WriteLineAsync($"Aviso: {aviso}".AsMemory(), ct).ConfigureAwait(false);
            }

            if (firma.Certificado is { } cert)
            {
                await stdout.WriteLineAsync($"Firmado por {cert.Subject} (certificado válido hasta {cert.NotAfter.ToUniversalTime():yyyy-MM-dd} UTC).".AsMemory(), ct).ConfigureAwait(false);
            }
        }
        else
        {
            await stdout.WriteLineAsync("Aviso: el comprobante no está firmado; el SRI solo recibe comprobantes firmados.".AsMemory(), ct).ConfigureAwait(false);
        }

        return await InformarAsync(stdout, problemas, $"La factura {leida.Factura.NumeroComprobante} (clave {leida.Factura.ClaveAcceso})", ct).ConfigureAwait(false);
    }

    /// <summary>The schema is chosen by the root element: a nota de crédito is checked against NotaCredito_V1.1.0.xsd.</summary>
    private static bool EsNotaCredito(byte[] comprobante)
    {
        try
        {
            using var ms = new MemoryStream(comprobante);
            using var reader = XmlReader.Create(ms, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            return reader.MoveToContent() == XmlNodeType.Element && reader.LocalName == "notaCredito";
        }
        catch (XmlException)
        {
            // Reported by the factura path, which reads the whole document.
            return false;
        }
    }

    private static async Task<int> ValidarNotaCreditoAsync(ArchivoComprobante archivo, List<string> problemas, TextWriter stdout, TextWriter stderr, string schemaDirectory, CancellationToken ct)
    {
        try
        {
            var esquema = new SriSchemaValidator(new SriSchemaOptions { SchemaDirectory = schemaDirectory }).ValidarNotaCredito(archivo.Comprobante);
            problemas.AddRange(esquema.Errores.Select(e => $"[esquema] {e}"));
        }
        catch (EsquemasSriNoEncontradosException ex)
        {
            await stderr.WriteLineAsync(ex.Message.AsMemory(), ct).ConfigureAwait(false);
            return 1;
        }

        NotaCreditoLeida leida;
        try
        {
            leida = NotaCreditoXmlReader.Leer(archivo.Comprobante);
        }
        catch (Exception ex) when (ex is XmlException or FormatException)
        {
            problemas.Add($"[nota de crédito] {ex.Message}");
            return await InformarAsync(stdout, problemas, "El comprobante", ct).ConfigureAwait(false);
        }

        problemas.AddRange(leida.Problemas.Select(p => $"[nota de crédito] {p}"));
        var nota = leida.NotaCredito;
        if (leida.Problemas.Count == 0)
        {
            problemas.AddRange(NotaCreditoValidador.Validar(nota)
                .Select(p => $"[{(p.Campo.EndsWith("claveAcceso", StringComparison.Ordinal) ? "clave" : "reglas")}] {p}"));
            if (nota.Detalles.All(d => d.Impuestos.Count > 0))
            {
                // As for facturas: a one-cent difference is a warning, more is a problem.
                var calculados = NotaCreditoCalculadora.Calcular(nota);
                var graves = FacturaValidador.CompararTotales(leida.TotalesDeclarados, calculados, tolerancia: 0.01m);
                problemas.AddRange(graves.Select(p => $"[aritmética] {p}"));
                foreach (var leve in FacturaValidador.CompararTotales(leida.TotalesDeclarados, calculados).Where(x => !graves.Any(g => g.Campo == x.Campo)))
                {
                    await stdout.WriteLineAsync($"Aviso: diferencia de un centavo en {leve}".AsMemory(), ct).ConfigureAwait(false);
                }
            }

            await stdout.WriteLineAsync($"Modifica la factura {nota.DocumentoModificado.NumDocModificado} del {nota.DocumentoModificado.FechaEmisionDocSustento.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}. Motivo: {nota.Motivo}".AsMemory(), ct).ConfigureAwait(false);
        }

        if (archivo.NumeroAutorizacion is { } numero && nota.ClaveAcceso is { } claveDoc && numero != claveDoc)
        {
            problemas.Add($"[autorización] El número de autorización {numero} no es la clave de acceso del comprobante {claveDoc}.");
        }

        if (leida.Firmada)
        {
            var firma = VerificadorXades.Verificar(archivo.Comprobante);
            problemas.AddRange(firma.Errores.Select(e => $"[firma] {e}"));
            foreach (var aviso in firma.Advertencias)
            {
                await stdout.WriteLineAsync($"Aviso: {aviso}".AsMemory(), ct).ConfigureAwait(false);
            }

            if (firma.Certificado is { } cert)
            {
                await stdout.WriteLineAsync($"Firmado por {cert.Subject} (certificado válido hasta {cert.NotAfter.ToUniversalTime():yyyy-MM-dd} UTC).".AsMemory(), ct).ConfigureAwait(false);
            }
        }
        else
        {
            await stdout.WriteLineAsync("Aviso: el comprobante no está firmado; el SRI solo recibe comprobantes firmados.".AsMemory(), ct).ConfigureAwait(false);
        }

        return await InformarAsync(stdout, problemas, $"La nota de crédito {nota.NumeroComprobante} (clave {nota.ClaveAcceso})", ct).ConfigureAwait(false);
    }

    private static async Task<int> InformarAsync(TextWriter stdout, List<string> problemas, string que, CancellationToken ct)
    {
        if (problemas.Count == 0)
        {
            await stdout.WriteLineAsync($"OK: {que} cumple el esquema, la clave de acceso, las reglas aritméticas y la firma.".AsMemory(), ct).ConfigureAwait(false);
            return 0;
        }

        await stdout.WriteLineAsync($"{que} tiene {problemas.Count} problema(s):".AsMemory(), ct).ConfigureAwait(false);
        foreach (var p in problemas)
        {
            await stdout.WriteLineAsync($"  - {p}".AsMemory(), ct).ConfigureAwait(false);
        }

        return 1;
    }

    private static async Task<int> RideAsync(string ruta, string salida, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var bytes = await LeerArchivoAsync(ruta, stderr, ct).ConfigureAwait(false);
        if (bytes is null)
        {
            return 1;
        }

        DatosRide datos;
        try
        {
            var archivo = ArchivoComprobante.Leer(bytes);
            var autorizado = archivo.Estado == "AUTORIZADO";
            if (!autorizado)
            {
                var firma = VerificadorXades.Verificar(archivo.Comprobante);
                if (!firma.EsValida)
                {
                    await stdout.WriteLineAsync("No se genera el RIDE: el comprobante no está autorizado ni tiene una firma válida.".AsMemory(), ct).ConfigureAwait(false);
                    foreach (var e in firma.Errores)
                    {
                        await stdout.WriteLineAsync($"  - {e}".AsMemory(), ct).ConfigureAwait(false);
                    }

                    return 1;
                }
            }

            datos = DatosRide.DesdeArchivo(bytes);
        }
        catch (Exception ex) when (ex is XmlException or FormatException)
        {
            await stdout.WriteLineAsync($"No se genera el RIDE: {ex.Message}".AsMemory(), ct).ConfigureAwait(false);
            return 1;
        }

        var pdf = Ride.GenerarPdf(datos);
        try
        {
            await File.WriteAllBytesAsync(salida, pdf, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"No se pudo escribir {salida}: {ex.Message}".AsMemory(), ct).ConfigureAwait(false);
            return 1;
        }

        var deQue = datos.NotaCredito is null ? "de la factura" : "de la nota de crédito";
        await stdout.WriteLineAsync($"RIDE {deQue} {datos.Factura.NumeroComprobante} escrito en {salida} ({pdf.Length / 1024 + 1} KB).".AsMemory(), ct).ConfigureAwait(false);
        return 0;
    }

    private static async Task<byte[]?> LeerArchivoAsync(string ruta, TextWriter stderr, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllBytesAsync(ruta, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"No se pudo leer {ruta}: {ex.Message}".AsMemory(), ct).ConfigureAwait(false);
            return null;
        }
    }
}
