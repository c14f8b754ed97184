using System.Globalization;
using System.Text;
using System.Xml;

namespace Cartero.Sri;

/// <summary>
/// Writes a factura 1.1.0 in schema element order with invariant formatting. Refuses (with every
/// problem listed) what the SRI would reject.
/// </summary>
public static class FacturaXmlWriter
{
    /// <summary>Version attribute written on the root.</summary>
    public const string Version = "1.1.0";

    internal const string DeclaracionXml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    /// <summary>Validates, computes and writes the factura.</summary>
    /// <exception cref="FacturaInvalidaException">The factura breaks an SRI rule; every problem is listed.</exception>
    public static FacturaGenerada Generar(Factura factura)
    {
        ArgumentNullException.ThrowIfNull(factura);
        var problemas = FacturaValidador.Validar(factura);
        if (problemas.Count > 0)
        {
            throw new FacturaInvalidaException(problemas);
        }

        var clave = factura.ObtenerClaveDeAcceso();
        var totales = FacturaCalculadora.Calcular(factura);
        var xml = Escribir(factura, clave, totales);
        if (xml.Length > FacturaValidador.TamanoMaximoBytes)
        {
            throw new FacturaInvalidaException([new ProblemaFactura("factura",
                $"El documento ocupa {xml.Length / 1024} KB y el SRI admite como máximo 320 KB; divida la factura.")]);
        }

        return new FacturaGenerada(clave, totales, xml);
    }

    private static byte[] Escribir(Factura f, ClaveDeAcceso clave, TotalesFactura t)
    {
        using var ms = new MemoryStream();
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            OmitXmlDeclaration = true,
        };

        // Written by hand for the upper-case "UTF-8" the SRI's own samples use.
        ms.Write(Encoding.UTF8.GetBytes(DeclaracionXml + "\n"));
        using (var w = XmlWriter.Create(ms, settings))
        {
            w.WriteStartElement("factura");
            w.WriteAttributeString("id", "comprobante");
            w.WriteAttributeString("version", Version);

            var e = f.Emisor;
            w.WriteStartElement("infoTributaria");
            w.WriteElementString("ambiente", ((int)f.Ambiente).ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("tipoEmision", ((int)clave.TipoEmision).ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("razonSocial", e.RazonSocial);
            Opcional(w, "nombreComercial", e.NombreComercial);
            w.WriteElementString("ruc", e.Ruc);
            w.WriteElementString("claveAcceso", clave.Valor);
            w.WriteElementString("codDoc", "01");
            w.WriteElementString("estab", f.Establecimiento);
            w.WriteElementString("ptoEmi", f.PuntoEmision);
            w.WriteElementString("secuencial", f.Secuencial.ToString("000000000", CultureInfo.InvariantCulture));
            w.WriteElementString("dirMatriz", e.DireccionMatriz);
            Opcional(w, "agenteRetencion", e.AgenteRetencion);
            if (e.ContribuyenteRimpe)
            {
                w.WriteElementString("contribuyenteRimpe", Emisor.LeyendaRimpe);
            }

            w.WriteEndElement();

            var c = f.Comprador;
            w.WriteStartElement("infoFactura");
            w.WriteElementString("fechaEmision", f.FechaEmision.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
            Opcional(w, "dirEstablecimiento", e.DireccionEstablecimiento);
            Opcional(w, "contribuyenteEspecial", e.ContribuyenteEspecial);
            w.WriteElementString("obligadoContabilidad", e.ObligadoContabilidad ? "SI" : "NO");
            w.WriteElementString("tipoIdentificacionComprador", ((int)c.TipoIdentificacion).ToString("00", CultureInfo.InvariantCulture));
            w.WriteElementString("razonSocialComprador", c.RazonSocial);
            w.WriteElementString("identificacionComprador", c.Identificacion);
            Opcional(w, "direccionComprador", c.Direccion);
            w.WriteElementString("totalSinImpuestos", Monto(t.TotalSinImpuestos));
            w.WriteElementString("totalDescuento", Monto(t.TotalDescuento));
            w.WriteStartElement("totalConImpuestos");
            foreach (var g in t.TotalConImpuestos)
            {
                w.WriteStartElement("totalImpuesto");
                w.WriteElementString("codigo", g.Codigo.ToString(CultureInfo.InvariantCulture));
                w.WriteElementString("codigoPorcentaje", g.CodigoPorcentaje);
                w.WriteElementString("baseImponible", Monto(g.BaseImponible));
                w.WriteElementString("tarifa", Monto(g.Tarifa));
                w.WriteElementString("valor", Monto(g.Valor));
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteElementString("propina", Monto(t.Propina));
            w.WriteElementString("importeTotal", Monto(t.ImporteTotal));
            w.WriteElementString("moneda", f.Moneda);
            w.WriteStartElement("pagos");
            foreach (var pago in f.Pagos)
            {
                w.WriteStartElement("pago");
                w.WriteElementString("formaPago", ((int)pago.FormaPago).ToString("00", CultureInfo.InvariantCulture));
                w.WriteElementString("total", Monto(pago.Total));
                if (pago.Plazo is { } plazo)
                {
                    w.WriteElementString("plazo", Monto(plazo));
                    Opcional(w, "unidadTiempo", pago.UnidadTiempo);
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();

            w.WriteStartElement("detalles");
            for (var i = 0; i < f.Detalles.Count; i++)
            {
                var d = f.Detalles[i];
                var l = t.Lineas[i];
                w.WriteStartElement("detalle");
                Opcional(w, "codigoPrincipal", d.CodigoPrincipal);
                Opcional(w, "codigoAuxiliar", d.CodigoAuxiliar);
                w.WriteElementString("descripcion", d.Descripcion);
                w.WriteElementString("cantidad", Cantidad(d.Cantidad));
                w.WriteElementString("precioUnitario", Cantidad(d.PrecioUnitario));
                w.WriteElementString("descuento", Monto(d.Descuento));
                w.WriteElementString("precioTotalSinImpuesto", Monto(l.PrecioTotalSinImpuesto));
                if (d.DetallesAdicionales.Count > 0)
                {
                    w.WriteStartElement("detallesAdicionales");
                    foreach (var da in d.DetallesAdicionales)
                    {
                        w.WriteStartElement("detAdicional");
                        w.WriteAttributeString("nombre", da.Nombre);
                        w.WriteAttributeString("valor", da.Valor);
                        w.WriteEndElement();
                    }

                    w.WriteEndElement();
                }

                w.WriteStartElement("impuestos");
                foreach (var imp in l.Impuestos)
                {
                    w.WriteStartElement("impuesto");
                    w.WriteElementString("codigo", imp.Codigo.ToString(CultureInfo.InvariantCulture));
                    w.WriteElementString("codigoPorcentaje", imp.CodigoPorcentaje);
                    w.WriteElementString("tarifa", Monto(imp.Tarifa));
                    w.WriteElementString("baseImponible", Monto(imp.BaseImponible));
                    w.WriteElementString("valor", Monto(imp.Valor));
                    w.WriteEndElement();
                }

                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();

            if (f.InfoAdicional.Count > 0)
            {
                w.WriteStartElement("infoAdicional");
                foreach (var campo in f.InfoAdicional)
                {
                    w.WriteStartElement("campoAdicional");
                    w.WriteAttributeString("nombre", campo.Nombre);
                    w.WriteString(campo.Valor);
                    w.WriteEndElement();
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        return ms.ToArray();
    }

    private static void Opcional(XmlWriter w, string nombre, string? valor)
    {
        if (!string.IsNullOrEmpty(valor))
        {
            w.WriteElementString(nombre, valor);
        }
    }

    internal static string Monto(decimal valor) => valor.ToString("0.00", CultureInfo.InvariantCulture);

    internal static string Cantidad(decimal valor) => valor.ToString("0.00####", CultureInfo.InvariantCulture);
}
