namespace Cartero.Sri.Tests;

/// <summary>Check digits of the buyer's cédula and RUC, with real-shaped numbers (valid ones computed by hand from the rule).</summary>
public sealed class IdentificacionEcuadorTests
{
    [Theory]
    [InlineData("1710034065")] // Pichincha
    [InlineData("0912345675")] // Guayas
    [InlineData("0102030400")] // Azuay; the r = 10 case gives 0
    [InlineData("3000000012")] // 30: Ecuadorians registered abroad
    [InlineData("1765432107")] // third digit 6, still a cédula
    public void Valid_cedulas_pass(string cedula) => Assert.Null(IdentificacionEcuador.ErrorCedula(cedula));

    [Theory]
    [InlineData("1710034066", "dígito verificador")]
    [InlineData("1712345678", "dígito verificador")]
    [InlineData("171003406", "10 dígitos")]
    [InlineData("17100340655", "10 dígitos")]
    [InlineData("17100340a5", "10 dígitos")]
    [InlineData("2510034065", "provincia")]
    [InlineData("0010034065", "provincia")]
    [InlineData("1790034065", "tercer dígito")]
    public void Invalid_cedulas_say_why_in_spanish(string cedula, string why)
    {
        var error = IdentificacionEcuador.ErrorCedula(cedula);
        Assert.NotNull(error);
        Assert.Contains(why, error, StringComparison.Ordinal);
        Assert.Contains(cedula, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1710034065001")] // persona natural: cédula + establecimiento
    [InlineData("1710034065002")]
    [InlineData("1790016919001")] // sociedad privada, módulo 11 on the tenth digit
    [InlineData("1792146739001")]
    [InlineData("1760013210001")] // entidad pública (third digit 6), módulo 11 on the ninth digit
    [InlineData("0660000010001")]
    [InlineData("1765432107001")] // third digit 6 that is a persona natural: accepted by the documented exception
    public void Valid_rucs_pass(string ruc) => Assert.Null(IdentificacionEcuador.ErrorRuc(ruc));

    [Theory]
    [InlineData("1790016918001", "módulo 11")]
    [InlineData("1790012345001", "módulo 11")]
    [InlineData("1760013220001", "entidad pública")]
    [InlineData("1710034066001", "persona natural")]
    [InlineData("1710034065000", "000")]
    [InlineData("1790016919000", "000")]
    [InlineData("1780016919001", "tercer dígito")]
    [InlineData("2590016919001", "provincia")]
    [InlineData("9999999999999", "consumidor final")]
    [InlineData("179001691900", "13 dígitos")]
    public void Invalid_rucs_say_why_in_spanish(string ruc, string why)
    {
        var error = IdentificacionEcuador.ErrorRuc(ruc);
        Assert.NotNull(error);
        Assert.Contains(why, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_validator_applies_the_check_digits_to_the_buyer_and_leaves_passports_unchecked()
    {
        var errores = FacturaValidador.ValidarComprador(new Comprador(TipoIdentificacion.Cedula, "1710034066", "Ana Pérez"));
        Assert.Contains(errores, p => p.Campo == "infoFactura/identificacionComprador" && p.Mensaje.Contains("dígito verificador", StringComparison.Ordinal));
        Assert.Empty(FacturaValidador.ValidarComprador(new Comprador(TipoIdentificacion.Ruc, "1790016919001", "Corporación Favorita C.A.")));
        Assert.Empty(FacturaValidador.ValidarComprador(new Comprador(TipoIdentificacion.Pasaporte, "AB1234567", "John Smith")));
        Assert.Empty(FacturaValidador.ValidarComprador(new Comprador(TipoIdentificacion.Exterior, "X-99-1", "Acme Ltd.")));
        Assert.Empty(FacturaValidador.ValidarComprador(Comprador.ConsumidorFinal));
        Assert.NotEmpty(FacturaValidador.ValidarComprador(new Comprador(TipoIdentificacion.Ruc, "9999999999999", "Nadie")));
        Assert.NotEmpty(FacturaValidador.Validar(FacturasDePrueba.Basica(new Comprador(TipoIdentificacion.Ruc, "1790016918001", "Otra S.A."))));
    }
}
