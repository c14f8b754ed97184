using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Cartero.Sri;

/// <summary>Reads a nota de crédito XML (signed or not) back into the model, reporting gaps.</summary>
public static class NotaCreditoXmlReader
{
    private static readonly XNamespace Ds = "http://www.w3.org/2000/09/xmldsig#";

    /// <summary>Reads a nota de crédito from its XML bytes.</summary>
    /// <exception cref="XmlException">Not well-formed XML.</exception>
    /// <exception cref="FormatException">The root is not a notaCredito.</exception>
    public static NotaCreditoLeida Leer(byte[] xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        using var ms = new MemoryStream(xml);
        using var reader = XmlReader.Create(ms, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        return Leer(XDocument.Load(reader));
    }

    /// <summary>Reads a nota de crédito from a parsed document.</summary>
    /// <exception cref="FormatException">The root is not a notaCredito.</exception>
    public static NotaCreditoLeida Leer(XDocument documento)
    {
        ArgumentNullException.ThrowIfNull(documento);
        var raiz = documento.Root;
        if (raiz is null || raiz.Name.LocalName != "notaCredito")
        {
            throw new FormatException($"El documento no es una nota de crédito: su elemento raíz es '{raiz?.Name.LocalName}'.");
        }

        var p = new List<ProblemaFactura>();
        var it = raiz.Element("infoTributaria");
        var inf = raiz.Element("infoNotaCredito");
        string Texto(XElement? padre, string nombre, string ruta)
        {
            if (padre?.Element(nombre) is { } e)
            {
                return e.Value;
            }

            p.Add(new($"{ruta}/{nombre}", "Falta este elemento obligatorio."));
            return "";
        }

        int Entero(XElement? padre, string nombre, string ruta)
        {
            var texto = Texto(padre, nombre, ruta);
            if (texto.Length == 0)
            {
                return 0;
            }

            if (!int.TryParse(texto, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                p.Add(new($"{ruta}/{nombre}", $"'{texto}' no es un número entero."));
            }

            return n;
        }

        decimal Importe(XElement? padre, string nombre, string ruta)
        {
            var texto = Texto(padre, nombre, ruta);
            if (texto.Length == 0)
            {
                return 0m;
            }

            if (!decimal.TryParse(texto, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var valor))
            {
                p.Add(new($"{ruta}/{nombre}", $"'{texto}' no es un importe con punto decimal."));
            }

            return valor;
        }

        DateOnly Fecha(XElement? padre, string nombre, string ruta)
        {
            var texto = Texto(padre, nombre, ruta);
            if (!DateOnly.TryParseExact(texto, "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var fecha))
            {
                p.Add(new($"{ruta}/{nombre}", $"La fecha '{texto}' no es una fecha dd/mm/aaaa."));
            }

            return fecha;
        }

        static string? Opcional(XElement? padre, string nombre) => padre?.Element(nombre)?.Value;

        const string rIt = "infoTributaria", rInf = "infoNotaCredito";
        var emisor = new Emisor(Texto(it, "ruc", rIt), Texto(it, "razonSocial", rIt), Texto(it, "dirMatriz", rIt))
        {
            NombreComercial = Opcional(it, "nombreComercial"),
            AgenteRetencion = Opcional(it, "agenteRetencion"),
            ContribuyenteRimpe = Opcional(it, "contribuyenteRimpe") is not null,
            DireccionEstablecimiento = Opcional(inf, "dirEstablecimiento"),
            ContribuyenteEspecial = Opcional(inf, "contribuyenteEspecial"),
            ObligadoContabilidad = Opcional(inf, "obligadoContabilidad") == "SI",
        };
        var comprador = new Comprador((TipoIdentificacion)Entero(inf, "tipoIdentificacionComprador", rInf),
            Texto(inf, "identificacionComprador", rInf), Texto(inf, "razonSocialComprador", rInf));

        var detalles = new List<DetalleFactura>();
        var lineas = new List<LineaCalculada>();
        foreach (var (d, i) in (raiz.Element("detalles")?.Elements("detalle") ?? []).Select((d, i) => (d, i)))
        {
            var campo = $"detalles/detalle[{i + 1}]";
            var impuestos = d.Element("impuestos")?.Elements("impuesto").ToList() ?? [];
            decimal Tarifa(XElement x) => Opcional(x, "tarifa") is not null
                ? Importe(x, "tarifa", campo)
                : TarifaImpuesto.TarifaIvaEsperada(Opcional(x, "codigoPorcentaje") ?? "") ?? 0m;
            detalles.Add(new DetalleFactura(Texto(d, "descripcion", campo), Importe(d, "cantidad", campo), Importe(d, "precioUnitario", campo),
                impuestos.Select(x => new TarifaImpuesto(Entero(x, "codigo", campo), Texto(x, "codigoPorcentaje", campo), Tarifa(x))).ToList())
            {
                CodigoPrincipal = Opcional(d, "codigoInterno"),
                CodigoAuxiliar = Opcional(d, "codigoAdicional"),
                Descuento = Opcional(d, "descuento") is not null ? Importe(d, "descuento", campo) : 0m,
                DetallesAdicionales = d.Element("detallesAdicionales")?.Elements("detAdicional")
                    .Select(x => new CampoAdicional((string?)x.Attribute("nombre") ?? "", (string?)x.Attribute("valor") ?? "")).ToList() ?? [],
            });
            lineas.Add(new LineaCalculada(Importe(d, "precioTotalSinImpuesto", campo), impuestos.Select(x => new ImpuestoCalculado(
                Entero(x, "codigo", campo), Texto(x, "codigoPorcentaje", campo), Tarifa(x), Importe(x, "baseImponible", campo), Importe(x, "valor", campo))).ToList()));
        }

        if (detalles.Count == 0)
        {
            p.Add(new("detalles", "No hay ningún detalle."));
        }

        var codDoc = Opcional(it, "codDoc");
        if (codDoc != NotaCreditoXmlWriter.CodDoc)
        {
            p.Add(new("infoTributaria/codDoc", $"El código de documento es '{codDoc}' y para una nota de crédito debe ser 04."));
        }

        _ = long.TryParse(Texto(it, "secuencial", rIt), NumberStyles.None, CultureInfo.InvariantCulture, out var secuencial);
        var modificado = new DocumentoModificado((TipoComprobante)Entero(inf, "codDocModificado", rInf), Texto(inf, "numDocModificado", rInf),
            Fecha(inf, "fechaEmisionDocSustento", rInf));
        var nota = new NotaCredito((Ambiente)Entero(it, "ambiente", rIt), emisor, Texto(it, "estab", rIt), Texto(it, "ptoEmi", rIt), secuencial,
            Fecha(inf, "fechaEmision", rInf), comprador, modificado, Texto(inf, "motivo", rInf), detalles)
        {
            ClaveAcceso = Texto(it, "claveAcceso", rIt),
            Moneda = Opcional(inf, "moneda") ?? "DOLAR",
            InfoAdicional = raiz.Element("infoAdicional")?.Elements("campoAdicional")
                .Select(x => new CampoAdicional((string?)x.Attribute("nombre") ?? "", x.Value)).ToList() ?? [],
        };

        var grupos = inf?.Element("totalConImpuestos")?.Elements("totalImpuesto").Select(x =>
        {
            var codigoPorcentaje = Texto(x, "codigoPorcentaje", rInf + "/totalConImpuestos");
            return new ImpuestoCalculado(Entero(x, "codigo", rInf + "/totalConImpuestos"), codigoPorcentaje,
                TarifaImpuesto.TarifaIvaEsperada(codigoPorcentaje) ?? 0m,
                Importe(x, "baseImponible", rInf + "/totalConImpuestos"), Importe(x, "valor", rInf + "/totalConImpuestos"));
        }).ToList() ?? [];
        var declarados = new TotalesFactura(lineas, Importe(inf, "totalSinImpuestos", rInf), detalles.Sum(d => d.Descuento), grupos, 0m,
            Importe(inf, "valorModificacion", rInf));
        return new NotaCreditoLeida(nota, declarados, raiz.Element(Ds + "Signature") is not null, p);
    }
}
