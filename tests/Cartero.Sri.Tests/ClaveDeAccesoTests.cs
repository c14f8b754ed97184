namespace Cartero.Sri.Tests;

public sealed class ClaveDeAccesoTests
{
    [Theory]
    [InlineData("0503201201176001321000110010030009900641234567814", 4)]
    [InlineData("2110201101179214673900110020010000000011234567813", 3)]
    [InlineData("2111202405176001321000110010010000001241234567810", 0)]
    public void Vectores_de_la_ficha_son_validos(string valor, int digito)
    {
        var resultado = ClaveDeAcceso.Validar(valor);

        Assert.True(resultado.EsValida, string.Join(" ", resultado.Errores));
        Assert.Equal(digito, resultado.Clave!.DigitoVerificador);
        Assert.Equal(digito, ClaveDeAcceso.CalcularDigitoVerificador(valor.AsSpan(0, 48)));
    }

    [Fact]
    public void Vector_con_r_igual_a_11_da_cero_y_partes_se_leen()
    {
        var clave = ClaveDeAcceso.Parse("2111202405176001321000110010010000001241234567810");

        Assert.Equal(new DateOnly(2024, 11, 21), clave.FechaEmision);
        Assert.Equal(TipoComprobante.NotaDebito, clave.TipoComprobante);
        Assert.Equal("1760013210001", clave.Ruc);
        Assert.Equal(Ambiente.Pruebas, clave.Ambiente);
        Assert.Equal("001", clave.Establecimiento);
        Assert.Equal("001", clave.PuntoEmision);
        Assert.Equal("000000124", clave.Secuencial);
        Assert.Equal("12345678", clave.CodigoNumerico);
        Assert.Equal(TipoEmision.Normal, clave.TipoEmision);
        Assert.Equal("001-001-000000124", clave.NumeroComprobante);
    }

    [Fact]
    public void Crear_reproduce_el_vector_de_la_ficha()
    {
        var clave = ClaveDeAcceso.Crear(new DateOnly(2012, 3, 5), TipoComprobante.Factura, "1760013210001",
            Ambiente.Pruebas, "001", "003", 990064, "12345678");

        Assert.Equal("0503201201176001321000110010030009900641234567814", clave.Valor);
    }

    [Fact]
    public void Vector_negativo_nombra_el_digito_verificador()
    {
        var resultado = ClaveDeAcceso.Validar("1804202401123456789000110010010000000051234567816");

        Assert.False(resultado.EsValida);
        Assert.Equal(["El dígito verificador es 6 pero debería ser 2."], resultado.Errores);
        var ex = Assert.Throws<ClaveDeAccesoInvalidaException>(() => ClaveDeAcceso.Parse("1804202401123456789000110010010000000051234567816"));
        Assert.Contains("debería ser 2", ex.Message);
    }

    [Fact]
    public void Ceros_pasan_el_digito_pero_no_la_validacion()
    {
        var ceros = new string('0', 49);
        Assert.Equal(0, ClaveDeAcceso.CalcularDigitoVerificador(ceros.AsSpan(0, 48)));

        var resultado = ClaveDeAcceso.Validar(ceros);

        Assert.False(resultado.EsValida);
        Assert.Contains(resultado.Errores, e => e.Contains("fecha de emisión", StringComparison.Ordinal));
        Assert.Contains(resultado.Errores, e => e.Contains("tipo de comprobante", StringComparison.Ordinal));
        Assert.Contains(resultado.Errores, e => e.Contains("RUC", StringComparison.Ordinal));
        Assert.Contains(resultado.Errores, e => e.Contains("ambiente", StringComparison.Ordinal));
        Assert.Contains(resultado.Errores, e => e.Contains("tipo de emisión", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "vacía")]
    [InlineData("123", "49 dígitos y tiene 3")]
    [InlineData("0503201201176001321000110010030009900641234567a14", "posición 47")]
    [InlineData("3102202401176001321000110010030009900641234567814", "fecha de emisión 31022024")]
    [InlineData("0503201202176001321000110010030009900641234567814", "tipo de comprobante 02")]
    [InlineData("0503201201256001321000110010030009900641234567814", "código de provincia")]
    [InlineData("0503201201176001321000210010030009900641234567814", "debe terminar en 001")]
    [InlineData("0503201201176001321000130010030009900641234567814", "ambiente 3")]
    [InlineData("0503201201176001321000110010030009900641234567824", "tipo de emisión 2")]
    public void Clave_mala_nombra_la_parte_equivocada(string valor, string fragmento)
    {
        var resultado = ClaveDeAcceso.Validar(valor);

        Assert.False(resultado.EsValida);
        Assert.Contains(resultado.Errores, e => e.Contains(fragmento, StringComparison.Ordinal));
        Assert.False(ClaveDeAcceso.TryParse(valor, out _));
    }

    [Fact]
    public void Crear_rechaza_partes_mal_formadas()
    {
        var fecha = new DateOnly(2025, 1, 2);
        Assert.Contains("RUC", Assert.Throws<ArgumentException>(() =>
            ClaveDeAcceso.Crear(fecha, TipoComprobante.Factura, "179214673900", Ambiente.Pruebas, "001", "001", 1, "12345678")).Message);
        Assert.Contains("establecimiento", Assert.Throws<ArgumentException>(() =>
            ClaveDeAcceso.Crear(fecha, TipoComprobante.Factura, "1792146739001", Ambiente.Pruebas, "01", "001", 1, "12345678")).Message);
        Assert.Contains("secuencial", Assert.Throws<ArgumentException>(() =>
            ClaveDeAcceso.Crear(fecha, TipoComprobante.Factura, "1792146739001", Ambiente.Pruebas, "001", "001", 0, "12345678")).Message);
        Assert.Contains("código numérico", Assert.Throws<ArgumentException>(() =>
            ClaveDeAcceso.Crear(fecha, TipoComprobante.Factura, "1792146739001", Ambiente.Pruebas, "001", "001", 1, "1234")).Message);
    }

    [Fact]
    public void Partes_aleatorias_validas_dan_claves_validas_que_se_releen_igual()
    {
        var random = new Random(20240401);
        var tipos = Enum.GetValues<TipoComprobante>();
        for (var i = 0; i < 2000; i++)
        {
            var partes = PartesAleatorias(random, tipos);
            var clave = ClaveDeAcceso.Crear(partes.Fecha, partes.Tipo, partes.Ruc, partes.Ambiente, partes.Estab, partes.PtoEmi,
                partes.Secuencial, partes.Codigo);

            var releida = ClaveDeAcceso.Validar(clave.Valor);

            Assert.True(releida.EsValida, clave.Valor + ": " + string.Join(" ", releida.Errores));
            Assert.Equal(partes.Fecha, releida.Clave!.FechaEmision);
            Assert.Equal(partes.Tipo, releida.Clave.TipoComprobante);
            Assert.Equal(partes.Ruc, releida.Clave.Ruc);
            Assert.Equal(partes.Ambiente, releida.Clave.Ambiente);
            Assert.Equal(partes.Secuencial, long.Parse(releida.Clave.Secuencial, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(partes.Codigo, releida.Clave.CodigoNumerico);
        }
    }

    /// <summary>
    /// Módulo 11 detects every single-digit change except one case the SRI rule itself creates:
    /// r = 10 and r = 1 both give the digit 1, so for claves ending in 1 a change that moves the
    /// remainder between those two values keeps the same check digit.
    /// </summary>
    [Fact]
    public void Cambiar_un_solo_digito_invalida_la_clave_salvo_la_colision_del_digito_1()
    {
        var random = new Random(7);
        var tipos = Enum.GetValues<TipoComprobante>();
        var colisiones = 0;
        for (var i = 0; i < 150; i++)
        {
            var p = PartesAleatorias(random, tipos);
            var valor = ClaveDeAcceso.Crear(p.Fecha, p.Tipo, p.Ruc, p.Ambiente, p.Estab, p.PtoEmi, p.Secuencial, p.Codigo).Valor;
            for (var pos = 0; pos < 49; pos++)
            {
                for (var d = '0'; d <= '9'; d++)
                {
                    if (valor[pos] == d)
                    {
                        continue;
                    }

                    var cambiada = string.Concat(valor.AsSpan(0, pos), d.ToString(), valor.AsSpan(pos + 1));
                    var resultado = ClaveDeAcceso.Validar(cambiada);
                    if (resultado.EsValida)
                    {
                        Assert.Equal('1', valor[48]);
                        Assert.NotEqual(48, pos);
                        colisiones++;
                    }
                }
            }
        }

        // The exception is real, not hypothetical: with this many claves some do collide.
        Assert.True(colisiones > 0);
    }

    private sealed record Partes(DateOnly Fecha, TipoComprobante Tipo, string Ruc, Ambiente Ambiente, string Estab, string PtoEmi, long Secuencial, string Codigo);

    private static Partes PartesAleatorias(Random random, TipoComprobante[] tipos)
    {
        var provincia = random.Next(0, 25) is var n && n == 0 ? 30 : n;
        var ruc = $"{provincia:00}{random.Next(0, 100_000_000):00000000}001";
        return new Partes(
            DateOnly.FromDayNumber(new DateOnly(2000, 1, 1).DayNumber + random.Next(0, 36_500)),
            tipos[random.Next(tipos.Length)],
            ruc,
            random.Next(2) == 0 ? Ambiente.Pruebas : Ambiente.Produccion,
            $"{random.Next(1, 1000):000}",
            $"{random.Next(1, 1000):000}",
            random.NextInt64(1, 1_000_000_000),
            $"{random.Next(0, 100_000_000):00000000}");
    }
}
