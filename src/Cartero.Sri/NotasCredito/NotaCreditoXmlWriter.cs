using System.Globalization;
using System.Text;
using System.Xml;

namespace Cartero.Sri;

/// <summary>
/// Writes a nota de crédito 1.1.0 (NotaCredito_V1.1.0.xsd) in schema element order with invariant
/// formatting. Refuses (with every problem listed) what the SRI would reject.
/// </summary>
public static class NotaCreditoXmlWriter
{
    /// <summary>Version attribute written on the root.</summary>
    public const string Version = "1.1.0";

    /// <summary>codDoc of a nota de crédito.</summary>
    public const string CodDoc = "04";

    /// <summary>Validates, computes and writes the nota de crédito.</summary>
    /// <exception cref="NotaCreditoInvalidaException">It breaks an SRI rule; every problem is listed.</exception>
    public static NotaCreditoGenerada Generar(NotaCredito notaCredito)
    {
        ArgumentNullException.ThrowIfNull(notaCredito);
        var problemas = NotaCreditoValidador.Validar(notaCredito);
        if (problemas.Count > 0)
        {
            throw new NotaCreditoInvalidaException(problemas);
        }

        var clave = notaCredito.ObtenerClaveDeAcceso();
        var totales = NotaCreditoCalculadora.Calcular(notaCredito);
        var xml = Escribir(notaCredito, clave, totales);
        if (xml.Length > FacturaValidador.TamanoMaximoBytes)
        {
            throw new NotaCreditoInvalidaException([new ProblemaFactura("notaCredito",
                $"El documento ocupa {xml.Length / 1024} KB y el SRI admite como máximo 320 KB; divida la nota de crédito.")]);
        }

        return new NotaCreditoGenerada(clave, totales, xml);
    }

    private static byte[] Escribir(NotaCredito n, ClaveDeAcceso clave, TotalesFactura t)
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

        ms.Write(Encoding.UTF8.GetBytes(FacturaXmlWriter.DeclaracionXml + "\n"));
        using (var w = XmlWriter.Create(ms, settings))
        {
            w.WriteStartElement("notaCredito");
            w.WriteAttributeString("id", "comprobante");
            w.WriteAttributeString("version", Version);

            var e = n.Emisor;
            w.WriteStartElement("infoTributaria");
            w.WriteElementString("ambiente", ((int)n.Ambiente).ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("tipoEmision", ((int)clave.TipoEmision).ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("razonSocial", e.RazonSocial);
            Opcional(w, "nombreComercial", e.NombreComercial);
            w.WriteElementString("ruc", e.Ruc);
            w.WriteElementString("claveAcceso", clave.Valor);
            w.WriteElementString("codDoc", CodDoc);
            w.WriteElementString("estab", n.Establecimiento);
            w.WriteElementString("ptoEmi", n.PuntoEmision);
            w.WriteElementString("secuencial", n.Secuencial.ToString("000000000", CultureInfo.InvariantCulture));
            w.WriteElementString("dirMatriz", e.DireccionMatriz);
            Opcional(w, "agenteRetencion", e.AgenteRetencion);
            if (e.ContribuyenteRimpe)
            {
                w.WriteElementString("contribuyenteRimpe", Emisor.LeyendaRimpe);
            }

            w.WriteEndElement();

            var c = n.Comprador;
            var d = n.DocumentoModificado;
            w.WriteStartElement("infoNotaCredito");
            w.WriteElementString("fechaEmision", Fecha(n.FechaEmision));
            Opcional(w, "dirEstablecimiento", e.DireccionEstablecimiento);
            w.WriteElementString("tipoIdentificacionComprador", ((int)c.TipoIdentificacion).ToString("00", CultureInfo.InvariantCulture));
            w.WriteElementString("razonSocialComprador", c.RazonSocial);
            w.WriteElementString("identificacionComprador", c.Identificacion);
            Opcional(w, "contribuyenteEspecial", e.ContribuyenteEspecial);
            w.WriteElementString("obligadoContabilidad", e.ObligadoContabilidad ? "SI" : "NO");
            w.WriteElementString("codDocModificado", d.Codigo);
            w.WriteElementString("numDocModificado", d.NumDocModificado);
            w.WriteElementString("fechaEmisionDocSustento", Fecha(d.FechaEmisionDocSustento));
            w.WriteElementString("totalSinImpuestos", FacturaXmlWriter.Monto(t.TotalSinImpuestos));
            w.WriteElementString("valorModificacion", FacturaXmlWriter.Monto(t.ImporteTotal));
            w.WriteElementString("moneda", n.Moneda);
            // Unlike the factura's, the nota de crédito's totalImpuesto has no tarifa.
            w.WriteStartElement("totalConImpuestos");
            foreach (var g in t.TotalConImpuestos)
            {
                w.WriteStartElement("totalImpuesto");
                w.WriteElementString("codigo", g.Codigo.ToString(CultureInfo.InvariantCulture));
                w.WriteElementString("codigoPorcentaje", g.CodigoPorcentaje);
                w.WriteElementString("baseImponible", FacturaXmlWriter.Monto(g.BaseImponible));
                w.WriteElementString("valor", FacturaXmlWriter.Monto(g.Valor));
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteElementString("motivo", n.Motivo);
            w.WriteEndElement();

            w.WriteStartElement("detalles");
            for (var i = 0; i < n.Detalles.Count; i++)
            {
                var det = n.Detalles[i];
                var l = t.Lineas[i];
                w.WriteStartElement("detalle");
                Opcional(w, "codigoInterno", det.CodigoPrincipal);
                Opcional(w, "codigoAdicional", det.CodigoAuxiliar);
                w.WriteElementString("descripcion", det.Descripcion);
                w.WriteElementString("cantidad", FacturaXmlWriter.Cantidad(det.Cantidad));
                w.WriteElementString("precioUnitario", FacturaXmlWriter.Cantidad(det.PrecioUnitario));
                w.WriteElementString("descuento", FacturaXmlWriter.Monto(det.Descuento));
                w.WriteElementString("precioTotalSinImpuesto", FacturaXmlWriter.Monto(l.PrecioTotalSinImpuesto));
                if (det.DetallesAdicionales.Count > 0)
                {
                    w.WriteStartElement("detallesAdicionales");
                    foreach (var da in det.DetallesAdicionales)
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
                    w.WriteElementString("tarifa", FacturaXmlWriter.Monto(imp.Tarifa));
                    w.WriteElementString("baseImponible", FacturaXmlWriter.Monto(imp.BaseImponible));
                    w.WriteElementString("valor", FacturaXmlWriter.Monto(imp.Valor));
                    w.WriteEndElement();
                }

                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();

            if (n.InfoAdicional.Count > 0)
            {
                w.WriteStartElement("infoAdicional");
                foreach (var campo in n.InfoAdicional)
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

    private static string Fecha(DateOnly fecha) => fecha.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
