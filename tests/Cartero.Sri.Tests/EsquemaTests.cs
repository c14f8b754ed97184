using System.Text;

namespace Cartero.Sri.Tests;

public sealed class EsquemaTests
{
    [Fact]
    public void Facturas_variadas_cumplen_el_esquema_y_cuadran()
    {
        foreach (var (nombre, f) in FacturasDePrueba.Variadas())
        {
            var generada = FacturaXmlWriter.Generar(f);

            var resultado = RutasPrueba.Validador.ValidarFactura(generada.Xml);

            Assert.True(resultado.EsValido, nombre + ": " + string.Join("; ", resultado.Errores));
            Assert.Equal(generada.Totales.ImporteTotal, f.Pagos.Sum(p => p.Total));
            Assert.Equal(generada.Totales.TotalSinImpuestos + generada.Totales.TotalConImpuestos.Sum(t => t.Valor) + f.Propina, generada.Totales.ImporteTotal);
            Assert.Equal(generada.Totales.TotalSinImpuestos, generada.Totales.TotalConImpuestos.Sum(t => t.BaseImponible));
        }
    }

    [Fact]
    public void Errores_de_esquema_traen_numero_de_linea_y_se_listan_todos()
    {
        var xml = Encoding.UTF8.GetString(FacturaXmlWriter.Generar(FacturasDePrueba.Basica()).Xml)
            .Replace("<ambiente>1</ambiente>", "<ambiente>7</ambiente>", StringComparison.Ordinal)
            .Replace("<obligadoContabilidad>SI</obligadoContabilidad>", "<obligadoContabilidad>QUIZAS</obligadoContabilidad>", StringComparison.Ordinal);
        var lineaAmbiente = xml.Split('\n').ToList().FindIndex(l => l.Contains("<ambiente>", StringComparison.Ordinal)) + 1;

        var resultado = RutasPrueba.Validador.ValidarFactura(Encoding.UTF8.GetBytes(xml));

        Assert.False(resultado.EsValido);
        Assert.Equal(2, resultado.Errores.Count);
        Assert.Equal(lineaAmbiente, resultado.Errores[0].Linea);
        Assert.Contains("ambiente", resultado.Errores[0].Mensaje, StringComparison.Ordinal);
        Assert.Contains("obligadoContabilidad", resultado.Errores[1].Mensaje, StringComparison.Ordinal);
    }

    [Fact]
    public void Rimpe_solo_acepta_la_leyenda_oficial()
    {
        var xml = Encoding.UTF8.GetString(FacturaXmlWriter.Generar(FacturasDePrueba.Basica() with { Emisor = FacturasDePrueba.Emisor with { ContribuyenteRimpe = true } }).Xml);
        Assert.True(RutasPrueba.Validador.ValidarFactura(Encoding.UTF8.GetBytes(xml)).EsValido);

        var otra = xml.Replace(Emisor.LeyendaRimpe, "CONTRIBUYENTE NEGOCIO POPULAR - RÉGIMEN RIMPE", StringComparison.Ordinal);
        Assert.False(RutasPrueba.Validador.ValidarFactura(Encoding.UTF8.GetBytes(otra)).EsValido);
    }

    [Fact]
    public void Xml_mal_formado_da_error_con_linea()
    {
        var resultado = RutasPrueba.Validador.ValidarFactura(Encoding.UTF8.GetBytes("<factura>\n<a>\n</factura>"));

        var error = Assert.Single(resultado.Errores, e => e.Mensaje.Contains("mal formado", StringComparison.Ordinal));
        Assert.Equal(3, error.Linea);
        Assert.Contains("mal formado", error.Mensaje, StringComparison.Ordinal);
    }

    [Fact]
    public void Carpeta_inexistente_o_incompleta_da_un_error_claro()
    {
        var inexistente = new SriSchemaValidator(new SriSchemaOptions { SchemaDirectory = "/no/existe" });
        var ex = Assert.Throws<EsquemasSriNoEncontradosException>(() => inexistente.ValidarFactura([]));
        Assert.Contains("descargue los esquemas del portal del SRI", ex.Message, StringComparison.Ordinal);

        var carpeta = RutasPrueba.CarpetaTemporal();
        File.Copy(Path.Combine(RutasPrueba.Esquemas, SriSchemaOptions.ArchivoFactura), Path.Combine(carpeta, SriSchemaOptions.ArchivoFactura));
        var incompleta = new SriSchemaValidator(new SriSchemaOptions { SchemaDirectory = carpeta });
        var ex2 = Assert.Throws<EsquemasSriNoEncontradosException>(() => incompleta.ValidarFactura([]));
        Assert.Contains("xmldsig-core-schema.xsd", ex2.Message, StringComparison.Ordinal);
        Assert.Contains("descargue los esquemas del portal del SRI", ex2.Message, StringComparison.Ordinal);
    }
}
