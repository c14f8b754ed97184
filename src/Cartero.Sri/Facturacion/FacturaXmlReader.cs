using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Cartero.Sri;

/// <summary>Reads a factura XML (signed or not) back into the model, tolerating and reporting gaps.</summary>
public static class FacturaXmlReader
{
    private static readonly XNamespace Ds = "http://www.w3.org/2000/09/xmldsig#";

    /// <summary>Reads a factura from its XML bytes.</summary>
    /// <exception cref="XmlException">The bytes are not well-formed XML.</exception>
    /// <exception cref="FormatException">The root is not a factura.</exception>
    public static FacturaLeida Leer(byte[] xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        using var ms = new MemoryStream(xml);
        using var reader = XmlReader.Create(ms, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        return Leer(XDocument.Load(reader));
    }

    /// <summary>Reads a factura from a parsed document.</summary>
    /// <exception cref="FormatException">The root is not a factura.</exception>
    public static FacturaLeida Leer(XDocument documento)
    {
        ArgumentNullException.ThrowIfNull(documento);
        var raiz = documento.Root;
        if (raiz is null || raiz.Name.LocalName != "factura")
        {
            throw new FormatException($"El documento no es una factura: su elemento raíz es '{raiz?.Name.LocalName}'.");
        }

        var p = new List<ProblemaFactura>();
        var lector = new Lector(p);
        var it = raiz.Element("infoTributaria");
        var inf = raiz.Element("infoFactura");

        var emisor = new Emisor(lector.Texto(it, "ruc", "infoTributaria"), lector.Texto(it, "razonSocial", "infoTributaria"), lector.Texto(it, "dirMatriz", "infoTributaria"))
        {
            NombreComercial = Opcional(it, "nombreComercial"),
            AgenteRetencion = Opcional(it, "agenteRetencion"),
            ContribuyenteRimpe = Opcional(it, "contribuyenteRimpe") is not null,
            DireccionEstablecimiento = Opcional(inf, "dirEstablecimiento"),
            ContribuyenteEspecial = Opcional(inf, "contribuyenteEspecial"),
            ObligadoContabilidad = Opcional(inf, "obligadoContabilidad") == "SI",
        };

        var comprador = new Comprador(
            (TipoIdentificacion)lector.Entero(inf, "tipoIdentificacionComprador", "infoFactura"),
            lector.Texto(inf, "identificacionComprador", "infoFactura"),
            lector.Texto(inf, "razonSocialComprador", "infoFactura"))
        {
            Direccion = Opcional(inf, "direccionComprador"),
        };

        var detalles = new List<DetalleFactura>();
        var lineas = new List<LineaCalculada>();
        var elementosDetalle = raiz.Element("detalles")?.Elements("detalle").ToList() ?? [];
        if (elementosDetalle.Count == 0)
        {
            p.Add(new("detalles", "No hay ningún detalle."));
        }

        foreach (var (d, i) in elementosDetalle.Select((d, i) => (d, i)))
        {
            var campo = $"detalles/detalle[{i + 1}]";
            var impuestos = d.Element("impuestos")?.Elements("impuesto").ToList() ?? [];
            // tarifa is mandatory in 1.1.0 but older documents may lack it; the schema check reports that.
            decimal Tarifa(XElement x) => Opcional(x, "tarifa") is not null
                ? lector.Decimal(x, "tarifa", campo)
                : TarifaImpuesto.TarifaIvaEsperada(Opcional(x, "codigoPorcentaje") ?? "") ?? 0m;
            var tarifas = impuestos.Select(x => new TarifaImpuesto(lector.Entero(x, "codigo", campo), lector.Texto(x, "codigoPorcentaje", campo), Tarifa(x))).ToList();
            var calculados = impuestos.Select(x => new ImpuestoCalculado(lector.Entero(x, "codigo", campo), lector.Texto(x, "codigoPorcentaje", campo),
                Tarifa(x), lector.Decimal(x, "baseImponible", campo), lector.Decimal(x, "valor", campo))).ToList();
            detalles.Add(new DetalleFactura(lector.Texto(d, "descripcion", campo), lector.Decimal(d, "cantidad", campo), lector.Decimal(d, "precioUnitario", campo), tarifas)
            {
                CodigoPrincipal = Opcional(d, "codigoPrincipal"),
                CodigoAuxiliar = Opcional(d, "codigoAuxiliar"),
                Descuento = lector.Decimal(d, "descuento", campo),
                DetallesAdicionales = d.Element("detallesAdicionales")?.Elements("detAdicional")
                    .Select(x => new CampoAdicional((string?)x.Attribute("nombre") ?? "", (string?)x.Attribute("valor") ?? "")).ToList() ?? [],
            });
            lineas.Add(new LineaCalculada(lector.Decimal(d, "precioTotalSinImpuesto", campo), calculados));
        }

        var pagos = inf?.Element("pagos")?.Elements("pago").Select(x => new Pago((FormaPago)lector.Entero(x, "formaPago", "infoFactura/pagos"), lector.Decimal(x, "total", "infoFactura/pagos"))
        {
            Plazo = Opcional(x, "plazo") is { } plazo ? decimal.Parse(plazo, NumberStyles.Number, CultureInfo.InvariantCulture) : null,
            UnidadTiempo = Opcional(x, "unidadTiempo"),
        }).ToList() ?? [];

        var propina = Opcional(inf, "propina") is not null ? lector.Decimal(inf, "propina", "infoFactura") : 0m;
        var fechaTexto = lector.Texto(inf, "fechaEmision", "infoFactura");
        if (!DateOnly.TryParseExact(fechaTexto, "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var fecha))
        {
            p.Add(new("infoFactura/fechaEmision", $"La fecha '{fechaTexto}' no es una fecha dd/mm/aaaa."));
        }

        var secuencialTexto = lector.Texto(it, "secuencial", "infoTributaria");
        _ = long.TryParse(secuencialTexto, NumberStyles.None, CultureInfo.InvariantCulture, out var secuencial);
        var codDoc = Opcional(it, "codDoc");
        if (codDoc != "01")
        {
            p.Add(new("infoTributaria/codDoc", $"El código de documento es '{codDoc}' y para una factura debe ser 01."));
        }

        var factura = new Factura(
            (Ambiente)lector.Entero(it, "ambiente", "infoTributaria"),
            emisor,
            lector.Texto(it, "estab", "infoTributaria"),
            lector.Texto(it, "ptoEmi", "infoTributaria"),
            secuencial,
            fecha,
            comprador,
            detalles,
            pagos)
        {
            ClaveAcceso = lector.Texto(it, "claveAcceso", "infoTributaria"),
            Propina = propina,
            Moneda = Opcional(inf, "moneda") ?? "DOLAR",
            InfoAdicional = raiz.Element("infoAdicional")?.Elements("campoAdicional")
                .Select(x => new CampoAdicional((string?)x.Attribute("nombre") ?? "", x.Value)).ToList() ?? [],
        };

        var grupos = inf?.Element("totalConImpuestos")?.Elements("totalImpuesto").Select(x => new ImpuestoCalculado(
            lector.Entero(x, "codigo", "infoFactura/totalConImpuestos"),
            lector.Texto(x, "codigoPorcentaje", "infoFactura/totalConImpuestos"),
            Opcional(x, "tarifa") is not null ? lector.Decimal(x, "tarifa", "infoFactura/totalConImpuestos") : 0m,
            lector.Decimal(x, "baseImponible", "infoFactura/totalConImpuestos"),
            lector.Decimal(x, "valor", "infoFactura/totalConImpuestos"))).ToList() ?? [];
        var declarados = new TotalesFactura(lineas, lector.Decimal(inf, "totalSinImpuestos", "infoFactura"), lector.Decimal(inf, "totalDescuento", "infoFactura"),
            grupos, propina, lector.Decimal(inf, "importeTotal", "infoFactura"));

        return new FacturaLeida(factura, declarados, (string?)raiz.Attribute("version"), raiz.Element(Ds + "Signature") is not null, p);
    }

    private static string? Opcional(XElement? padre, string nombre) => padre?.Element(nombre)?.Value;

    private sealed class Lector(List<ProblemaFactura> problemas)
    {
        public string Texto(XElement? padre, string nombre, string ruta)
        {
            var e = padre?.Element(nombre);
            if (e is null)
            {
                problemas.Add(new($"{ruta}/{nombre}", "Falta este elemento obligatorio."));
                return "";
            }

            return e.Value;
        }

        public int Entero(XElement? padre, string nombre, string ruta)
        {
            var texto = Texto(padre, nombre, ruta);
            if (texto.Length == 0)
            {
                return 0;
            }

            if (!int.TryParse(texto, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                problemas.Add(new($"{ruta}/{nombre}", $"'{texto}' no es un número entero."));
                return 0;
            }

            return n;
        }

        public decimal Decimal(XElement? padre, string nombre, string ruta)
        {
            var texto = Texto(padre, nombre, ruta);
            if (texto.Length == 0)
            {
                return 0m;
            }

            if (!decimal.TryParse(texto, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var valor))
            {
                problemas.Add(new($"{ruta}/{nombre}", $"'{texto}' no es un importe con punto decimal."));
                return 0m;
            }

            return valor;
        }
    }
}
