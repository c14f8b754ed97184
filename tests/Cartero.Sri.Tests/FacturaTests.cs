using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Cartero.Sri.Tests;

public sealed class FacturaTests
{
    [Fact]
    public void Redondeo_es_mitad_lejos_de_cero_por_linea_y_por_grupo()
    {
        // 3 × 1.115 = 3.345: banker's rounding would give 3.34, the SRI expects 3.35.
        var f = FacturasDePrueba.Basica(null,
            new DetalleFactura("A", 3m, 1.115m, [TarifaImpuesto.Iva15]),
            new DetalleFactura("B", 1m, 0.10m, [TarifaImpuesto.Iva15]));

        var t = FacturaCalculadora.Calcular(f);

        Assert.Equal(3.35m, t.Lineas[0].PrecioTotalSinImpuesto);
        Assert.Equal(0.50m, t.Lineas[0].Impuestos[0].Valor); // 0.5025
        Assert.Equal(0.02m, t.Lineas[1].Impuestos[0].Valor); // 0.015 → 0.02
        var grupo = Assert.Single(t.TotalConImpuestos);
        Assert.Equal(3.45m, grupo.BaseImponible);
        Assert.Equal(0.52m, grupo.Valor); // 0.5175 over the group
        Assert.Equal(3.45m, t.TotalSinImpuestos);
        Assert.Equal(3.97m, t.ImporteTotal);
    }

    [Fact]
    public void Totales_por_tarifa_descuento_y_propina()
    {
        var f = FacturasDePrueba.Basica(null,
            new DetalleFactura("Con 15", 2m, 10m, [TarifaImpuesto.Iva15]) { Descuento = 1m },
            new DetalleFactura("Con 0", 1m, 5m, [TarifaImpuesto.Iva0]),
            new DetalleFactura("Con 5", 1m, 7m, [TarifaImpuesto.Iva5]),
            new DetalleFactura("Exento", 1m, 3m, [TarifaImpuesto.IvaExento])) with { Propina = 1.5m };

        var t = FacturaCalculadora.Calcular(f);

        Assert.Equal(34m, t.TotalSinImpuestos);
        Assert.Equal(1m, t.TotalDescuento);
        Assert.Equal(19m, t.BaseDe(2, "4"));
        Assert.Equal(2.85m, t.ValorDe(2, "4"));
        Assert.Equal(0.35m, t.ValorDe(2, "5"));
        Assert.Equal(5m, t.BaseDe(2, "0"));
        Assert.Equal(3m, t.BaseDe(2, "7"));
        Assert.Null(t.BaseDe(2, "6"));
        Assert.Equal(34m + 2.85m + 0.35m + 1.5m, t.ImporteTotal);
        Assert.Equal(["0", "4", "5", "7"], t.TotalConImpuestos.Select(x => x.CodigoPorcentaje));
    }

    [Fact]
    public void Xml_en_orden_del_esquema_con_punto_decimal_aunque_la_cultura_use_coma()
    {
        var anterior = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("es-EC");
        try
        {
            var f = FacturasDePrueba.Basica(null, new DetalleFactura("Tinta & papel", 1.5m, 2.123456m, [TarifaImpuesto.Iva15]));
            var generada = FacturaXmlWriter.Generar(f);
            var texto = Encoding.UTF8.GetString(generada.Xml);
            var doc = XDocument.Parse(texto);

            Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<factura", texto, StringComparison.Ordinal);
            Assert.Equal("factura", doc.Root!.Name.LocalName);
            Assert.Equal("comprobante", (string?)doc.Root.Attribute("id"));
            Assert.Equal("1.1.0", (string?)doc.Root.Attribute("version"));
            Assert.Equal(["infoTributaria", "infoFactura", "detalles", "infoAdicional"], doc.Root.Elements().Select(e => e.Name.LocalName));
            Assert.Equal(["ambiente", "tipoEmision", "razonSocial", "nombreComercial", "ruc", "claveAcceso", "codDoc", "estab", "ptoEmi", "secuencial", "dirMatriz", "agenteRetencion"],
                doc.Root.Element("infoTributaria")!.Elements().Select(e => e.Name.LocalName));
            Assert.Equal(["fechaEmision", "dirEstablecimiento", "contribuyenteEspecial", "obligadoContabilidad", "tipoIdentificacionComprador", "razonSocialComprador",
                "identificacionComprador", "direccionComprador", "totalSinImpuestos", "totalDescuento", "totalConImpuestos", "propina", "importeTotal", "moneda", "pagos"],
                doc.Root.Element("infoFactura")!.Elements().Select(e => e.Name.LocalName));
            var detalle = doc.Root.Element("detalles")!.Element("detalle")!;
            Assert.Equal("1.50", detalle.Element("cantidad")!.Value);
            Assert.Equal("2.123456", detalle.Element("precioUnitario")!.Value);
            Assert.Equal("3.19", detalle.Element("precioTotalSinImpuesto")!.Value);
            Assert.Equal("15.00", detalle.Element("impuestos")!.Element("impuesto")!.Element("tarifa")!.Value);
            Assert.Contains("Tinta &amp; papel", texto, StringComparison.Ordinal);
            Assert.Equal("18/08/2025", doc.Root.Element("infoFactura")!.Element("fechaEmision")!.Value);
            Assert.Equal(generada.ClaveDeAcceso.Valor, doc.Root.Element("infoTributaria")!.Element("claveAcceso")!.Value);
            Assert.Equal("000000123", generada.ClaveDeAcceso.Secuencial);
            Assert.True(ClaveDeAcceso.Validar(generada.ClaveDeAcceso.Valor).EsValida);
        }
        finally
        {
            CultureInfo.CurrentCulture = anterior;
        }
    }

    [Fact]
    public void Consumidor_final_por_encima_de_50_se_rechaza()
    {
        var f = FacturasDePrueba.Basica(Comprador.ConsumidorFinal, new DetalleFactura("Caro", 1m, 43.49m, [TarifaImpuesto.Iva15])); // 50.01

        var ex = Assert.Throws<FacturaInvalidaException>(() => FacturaXmlWriter.Generar(f));

        var p = Assert.Single(ex.Problemas);
        Assert.Equal("infoFactura/importeTotal", p.Campo);
        Assert.Contains("consumidor final", p.Mensaje, StringComparison.Ordinal);
    }

    [Fact]
    public void Consumidor_final_de_exactamente_50_se_acepta()
    {
        var f = FacturasDePrueba.Basica(Comprador.ConsumidorFinal, new DetalleFactura("Justo", 1m, 50m, [TarifaImpuesto.Iva0]));

        Assert.Equal(50m, FacturaXmlWriter.Generar(f).Totales.ImporteTotal);
    }

    [Fact]
    public void Todos_los_problemas_se_listan_con_el_campo_en_espanol()
    {
        var f = FacturasDePrueba.Basica() with
        {
            Emisor = FacturasDePrueba.Emisor with { Ruc = "1792146739", RazonSocial = "", ContribuyenteEspecial = "1" },
            Comprador = new Comprador(TipoIdentificacion.Cedula, "12345", "Ana\nLópez"),
            Establecimiento = "1",
            CodigoNumerico = null,
            Pagos = [new Pago(FormaPago.TarjetaCredito, 1m), new Pago((FormaPago)2, 1m)],
            InfoAdicional = Enumerable.Range(0, 16).Select(i => new CampoAdicional("n" + i, new string('x', i == 0 ? 301 : 5))).ToList(),
            Detalles = [new DetalleFactura("", 0m, 1.1234567m, [new TarifaImpuesto(2, "4", 12m)]) { Descuento = 0.001m }, new DetalleFactura("x", 1m, 1m, [])],
        };

        var campos = FacturaValidador.Validar(f).Select(x => x.Campo).ToList();

        Assert.Contains("infoTributaria/ruc", campos);
        Assert.Contains("infoTributaria/razonSocial", campos);
        Assert.Contains("infoFactura/contribuyenteEspecial", campos);
        Assert.Contains("infoFactura/identificacionComprador", campos);
        Assert.Contains("infoFactura/razonSocialComprador", campos);
        Assert.Contains("infoTributaria/estab", campos);
        Assert.Contains("infoTributaria/claveAcceso", campos);
        Assert.Contains("infoFactura/pagos", campos);
        Assert.Contains("infoFactura/pagos/pago[2]/formaPago", campos);
        Assert.Contains("infoAdicional", campos);
        Assert.Contains("infoAdicional/campoAdicional[1]", campos);
        Assert.Contains("detalles/detalle[1]/descripcion", campos);
        Assert.Contains("detalles/detalle[1]/cantidad", campos);
        Assert.Contains("detalles/detalle[1]/precioUnitario", campos);
        Assert.Contains("detalles/detalle[1]/descuento", campos);
        Assert.Contains("detalles/detalle[1]/impuestos/impuesto[1]/tarifa", campos);
        Assert.Contains("detalles/detalle[2]/impuestos", campos);
    }

    [Fact]
    public void Pagos_que_no_suman_el_total_se_rechazan()
    {
        var f = FacturasDePrueba.Basica() with { Pagos = [new Pago(FormaPago.TarjetaCredito, 10m), new Pago(FormaPago.SinUtilizacionSistemaFinanciero, 10m)] };

        var ex = Assert.Throws<FacturaInvalidaException>(() => FacturaXmlWriter.Generar(f));

        Assert.Contains(ex.Problemas, p => p.Campo == "infoFactura/pagos" && p.Mensaje.Contains("23.00", StringComparison.Ordinal));
    }

    [Fact]
    public void Sin_pagos_ni_detalles_se_rechaza()
    {
        var f = FacturasDePrueba.Basica() with { Pagos = [] };
        Assert.Contains(FacturaValidador.Validar(f), p => p.Campo == "infoFactura/pagos");
        Assert.Contains(FacturaValidador.Validar(f with { Detalles = [] }), p => p.Campo == "detalles");
    }

    [Fact]
    public void Documento_de_mas_de_320_KB_se_rechaza()
    {
        var lineas = Enumerable.Range(1, 800)
            .Select(i => new DetalleFactura(new string('D', 290) + i, 1m, 0.01m, [TarifaImpuesto.Iva0]) { CodigoPrincipal = "COD-" + i })
            .ToArray();
        var f = FacturasDePrueba.Basica(null, lineas);

        var ex = Assert.Throws<FacturaInvalidaException>(() => FacturaXmlWriter.Generar(f));

        Assert.Contains("320 KB", Assert.Single(ex.Problemas).Mensaje, StringComparison.Ordinal);
    }

    [Fact]
    public void Clave_dada_que_no_coincide_con_el_documento_se_rechaza()
    {
        var f = FacturasDePrueba.Basica() with { ClaveAcceso = "0503201201176001321000110010030009900641234567814" };

        var problemas = FacturaValidador.Validar(f);

        Assert.Contains(problemas, p => p.Mensaje.Contains("el RUC es 1760013210001 en la clave", StringComparison.Ordinal));
        Assert.Contains(problemas, p => p.Mensaje.Contains("la fecha de emisión", StringComparison.Ordinal));
        Assert.Contains(problemas, p => p.Mensaje.Contains("el secuencial", StringComparison.Ordinal));
    }

    [Fact]
    public void Reenvio_conserva_la_clave_dada()
    {
        var primera = FacturaXmlWriter.Generar(FacturasDePrueba.Basica());
        var reenvio = FacturaXmlWriter.Generar(FacturasDePrueba.Basica() with { CodigoNumerico = "99999999", ClaveAcceso = primera.ClaveDeAcceso.Valor });

        Assert.Equal(primera.ClaveDeAcceso, reenvio.ClaveDeAcceso);
    }

    [Fact]
    public void Leer_devuelve_el_mismo_modelo_y_totales()
    {
        foreach (var (nombre, f) in FacturasDePrueba.Variadas())
        {
            var generada = FacturaXmlWriter.Generar(f);

            var leida = FacturaXmlReader.Leer(generada.Xml);

            Assert.True(leida.Problemas.Count == 0, nombre + ": " + string.Join("; ", leida.Problemas));
            Assert.Empty(FacturaValidador.Validar(leida.Factura));
            Assert.Empty(FacturaValidador.CompararTotales(leida.TotalesDeclarados, FacturaCalculadora.Calcular(leida.Factura)));
            Assert.Equal(generada.Totales.ImporteTotal, leida.TotalesDeclarados.ImporteTotal);
            Assert.Equal(f.Emisor, leida.Factura.Emisor);
            Assert.Equal(f.Comprador, leida.Factura.Comprador);
            Assert.Equal(f.Pagos, leida.Factura.Pagos);
            Assert.Equal(f.InfoAdicional, leida.Factura.InfoAdicional);
            Assert.Equal(f.Detalles.Select(d => d.Descripcion), leida.Factura.Detalles.Select(d => d.Descripcion));
            Assert.Equal("1.1.0", leida.Version);
            Assert.False(leida.Firmada);
        }
    }

    [Fact]
    public void Totales_alterados_se_detectan_como_error_en_diferencias()
    {
        var generada = FacturaXmlWriter.Generar(FacturasDePrueba.Basica());
        var texto = Encoding.UTF8.GetString(generada.Xml).Replace("<importeTotal>23.00</importeTotal>", "<importeTotal>23.01</importeTotal>", StringComparison.Ordinal);

        var leida = FacturaXmlReader.Leer(Encoding.UTF8.GetBytes(texto));
        var diferencias = FacturaValidador.CompararTotales(leida.TotalesDeclarados, FacturaCalculadora.Calcular(leida.Factura));

        var d = Assert.Single(diferencias);
        Assert.Equal("infoFactura/importeTotal", d.Campo);
        Assert.Contains("23.01", d.Mensaje, StringComparison.Ordinal);
    }

    [Fact]
    public void Valor_de_grupo_como_suma_de_lineas_tambien_se_acepta()
    {
        // Three lines of 0.10 at 15 %: each line's IVA rounds to 0.02 (sum 0.06) while the group
        // rounds 0.045 to 0.05. Issuers use both; neither is an error.
        var f = FacturasDePrueba.Basica(null, Enumerable.Range(0, 3).Select(_ => new DetalleFactura("x", 1m, 0.10m, [TarifaImpuesto.Iva15])).ToArray());
        var texto = Encoding.UTF8.GetString(FacturaXmlWriter.Generar(f).Xml);
        Assert.Contains("<valor>0.05</valor>", texto, StringComparison.Ordinal);
        var doc = XDocument.Parse(texto);
        doc.Root!.Element("infoFactura")!.Element("totalConImpuestos")!.Element("totalImpuesto")!.Element("valor")!.Value = "0.06";
        doc.Root.Element("infoFactura")!.Element("importeTotal")!.Value = "0.36";

        var leida = FacturaXmlReader.Leer(Encoding.UTF8.GetBytes(doc.ToString()));

        Assert.Empty(FacturaValidador.CompararTotales(leida.TotalesDeclarados, FacturaCalculadora.Calcular(leida.Factura)));
        doc.Root.Element("infoFactura")!.Element("importeTotal")!.Value = "0.35";
        var incoherente = FacturaXmlReader.Leer(Encoding.UTF8.GetBytes(doc.ToString()));
        Assert.Equal("infoFactura/importeTotal", Assert.Single(FacturaValidador.CompararTotales(incoherente.TotalesDeclarados, FacturaCalculadora.Calcular(incoherente.Factura))).Campo);
    }

    [Fact]
    public void Tolerancia_de_un_centavo()
    {
        var texto = Encoding.UTF8.GetString(FacturaXmlWriter.Generar(FacturasDePrueba.Basica()).Xml)
            .Replace("<precioTotalSinImpuesto>20.00</precioTotalSinImpuesto>", "<precioTotalSinImpuesto>20.01</precioTotalSinImpuesto>", StringComparison.Ordinal);
        var leida = FacturaXmlReader.Leer(Encoding.UTF8.GetBytes(texto));
        var calculados = FacturaCalculadora.Calcular(leida.Factura);

        Assert.Single(FacturaValidador.CompararTotales(leida.TotalesDeclarados, calculados));
        Assert.Empty(FacturaValidador.CompararTotales(leida.TotalesDeclarados, calculados, tolerancia: 0.01m));
    }
}
