using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace Cartero.Sri;

/// <summary>
/// The 49-digit clave de acceso (Ficha técnica §5.2), which is also the número de autorización.
/// Instances are always valid: build one with <see cref="Crear"/> or read one with
/// <see cref="Parse"/>, <see cref="TryParse"/> or <see cref="Validar"/>.
/// </summary>
public sealed record ClaveDeAcceso
{
    /// <summary>Number of digits of a clave de acceso.</summary>
    public const int Longitud = 49;

    private ClaveDeAcceso(string valor)
    {
        Valor = valor;
        FechaEmision = DateOnly.ParseExact(valor[..8], "ddMMyyyy", CultureInfo.InvariantCulture);
        TipoComprobante = (TipoComprobante)int.Parse(valor.AsSpan(8, 2), CultureInfo.InvariantCulture);
        Ruc = valor.Substring(10, 13);
        Ambiente = (Ambiente)(valor[23] - '0');
        Establecimiento = valor.Substring(24, 3);
        PuntoEmision = valor.Substring(27, 3);
        Secuencial = valor.Substring(30, 9);
        CodigoNumerico = valor.Substring(39, 8);
        TipoEmision = (TipoEmision)(valor[47] - '0');
        DigitoVerificador = valor[48] - '0';
    }

    /// <summary>The 49 digits.</summary>
    public string Valor { get; }

    /// <summary>Fecha de emisión (positions 1–8, ddmmaaaa).</summary>
    public DateOnly FechaEmision { get; }

    /// <summary>Tipo de comprobante (positions 9–10).</summary>
    public TipoComprobante TipoComprobante { get; }

    /// <summary>RUC del emisor (positions 11–23).</summary>
    public string Ruc { get; }

    /// <summary>Ambiente (position 24).</summary>
    public Ambiente Ambiente { get; }

    /// <summary>Establecimiento, three digits (positions 25–27).</summary>
    public string Establecimiento { get; }

    /// <summary>Punto de emisión, three digits (positions 28–30).</summary>
    public string PuntoEmision { get; }

    /// <summary>Secuencial, nine digits (positions 31–39).</summary>
    public string Secuencial { get; }

    /// <summary>Código numérico chosen by the issuer (positions 40–47).</summary>
    public string CodigoNumerico { get; }

    /// <summary>Tipo de emisión (position 48).</summary>
    public TipoEmision TipoEmision { get; }

    /// <summary>Módulo 11 check digit (position 49).</summary>
    public int DigitoVerificador { get; }

    /// <summary>Número del comprobante as printed: estab-ptoEmi-secuencial.</summary>
    public string NumeroComprobante => $"{Establecimiento}-{PuntoEmision}-{Secuencial}";

    /// <inheritdoc />
    public override string ToString() => Valor;

    /// <summary>Builds a clave from its parts, computing the check digit.</summary>
    /// <exception cref="ArgumentException">A part is malformed (Spanish message naming it).</exception>
    public static ClaveDeAcceso Crear(
        DateOnly fechaEmision,
        TipoComprobante tipoComprobante,
        string ruc,
        Ambiente ambiente,
        string establecimiento,
        string puntoEmision,
        long secuencial,
        string codigoNumerico,
        TipoEmision tipoEmision = TipoEmision.Normal)
    {
        ArgumentNullException.ThrowIfNull(ruc);
        ArgumentNullException.ThrowIfNull(establecimiento);
        ArgumentNullException.ThrowIfNull(puntoEmision);
        ArgumentNullException.ThrowIfNull(codigoNumerico);
        if (!Enum.IsDefined(tipoComprobante))
        {
            throw new ArgumentException($"El tipo de comprobante {(int)tipoComprobante:00} no es conocido.", nameof(tipoComprobante));
        }

        if (!Enum.IsDefined(ambiente))
        {
            throw new ArgumentException($"El ambiente {(int)ambiente} no es válido (1 pruebas, 2 producción).", nameof(ambiente));
        }

        if (!Enum.IsDefined(tipoEmision))
        {
            throw new ArgumentException($"El tipo de emisión {(int)tipoEmision} no es válido (1 normal).", nameof(tipoEmision));
        }

        if (fechaEmision.Year is < 2000 or > 2099)
        {
            throw new ArgumentException($"La fecha de emisión {fechaEmision:dd/MM/yyyy} está fuera del rango admitido (2000–2099).", nameof(fechaEmision));
        }

        var errorRuc = ErrorRuc(ruc);
        if (errorRuc is not null)
        {
            throw new ArgumentException(errorRuc, nameof(ruc));
        }

        if (!SonDigitos(establecimiento, 3))
        {
            throw new ArgumentException($"El establecimiento '{establecimiento}' debe tener 3 dígitos.", nameof(establecimiento));
        }

        if (!SonDigitos(puntoEmision, 3))
        {
            throw new ArgumentException($"El punto de emisión '{puntoEmision}' debe tener 3 dígitos.", nameof(puntoEmision));
        }

        if (secuencial is < 1 or > 999_999_999)
        {
            throw new ArgumentException($"El secuencial {secuencial} debe estar entre 1 y 999999999.", nameof(secuencial));
        }

        if (!SonDigitos(codigoNumerico, 8))
        {
            throw new ArgumentException($"El código numérico '{codigoNumerico}' debe tener 8 dígitos.", nameof(codigoNumerico));
        }

        var primeros48 = string.Concat(
            fechaEmision.ToString("ddMMyyyy", CultureInfo.InvariantCulture),
            ((int)tipoComprobante).ToString("00", CultureInfo.InvariantCulture),
            ruc,
            ((int)ambiente).ToString(CultureInfo.InvariantCulture),
            establecimiento,
            puntoEmision,
            secuencial.ToString("000000000", CultureInfo.InvariantCulture),
            codigoNumerico,
            ((int)tipoEmision).ToString(CultureInfo.InvariantCulture));
        return new ClaveDeAcceso(primeros48 + CalcularDigitoVerificador(primeros48).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A random eight-digit código numérico from a cryptographic source.</summary>
    public static string GenerarCodigoNumerico() =>
        RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("00000000", CultureInfo.InvariantCulture);

    /// <summary>
    /// Módulo 11 over the first 48 digits: weights 2..7 from the rightmost digit leftwards;
    /// r = 11 − (sum mod 11); r = 11 gives 0 and r = 10 gives 1.
    /// </summary>
    public static int CalcularDigitoVerificador(ReadOnlySpan<char> primeros48)
    {
        if (primeros48.Length != Longitud - 1)
        {
            throw new ArgumentException($"Se esperaban 48 dígitos y hay {primeros48.Length}.", nameof(primeros48));
        }

        var suma = 0;
        var peso = 2;
        for (var i = primeros48.Length - 1; i >= 0; i--)
        {
            var c = primeros48[i];
            if (c is < '0' or > '9')
            {
                throw new ArgumentException($"El carácter '{c}' en la posición {i + 1} no es un dígito.", nameof(primeros48));
            }

            suma += (c - '0') * peso;
            peso = peso == 7 ? 2 : peso + 1;
        }

        var r = 11 - (suma % 11);
        return r switch
        {
            11 => 0,
            10 => 1,
            _ => r,
        };
    }

    /// <summary>Checks every part of a clave and returns the clave or every problem found.</summary>
    public static ResultadoClaveDeAcceso Validar(string? clave)
    {
        var errores = new List<string>();
        if (string.IsNullOrEmpty(clave))
        {
            errores.Add("La clave de acceso está vacía.");
            return new ResultadoClaveDeAcceso(null, errores);
        }

        if (clave.Length != Longitud)
        {
            errores.Add($"La clave de acceso debe tener 49 dígitos y tiene {clave.Length}.");
        }

        for (var i = 0; i < clave.Length; i++)
        {
            if (clave[i] is < '0' or > '9')
            {
                errores.Add($"La clave de acceso solo puede contener dígitos: el carácter '{clave[i]}' de la posición {i + 1} no lo es.");
                break;
            }
        }

        if (errores.Count > 0)
        {
            return new ResultadoClaveDeAcceso(null, errores);
        }

        var fecha = clave[..8];
        if (!DateOnly.TryParseExact(fecha, "ddMMyyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var fechaEmision)
            || fechaEmision.Year is < 2000 or > 2099)
        {
            errores.Add($"La fecha de emisión {fecha} no es una fecha real (ddmmaaaa, años 2000–2099).");
        }

        var tipo = int.Parse(clave.AsSpan(8, 2), CultureInfo.InvariantCulture);
        if (!Enum.IsDefined((TipoComprobante)tipo))
        {
            errores.Add($"El tipo de comprobante {clave.Substring(8, 2)} no es conocido (01 factura, 03 liquidación de compra, 04 nota de crédito, 05 nota de débito, 06 guía de remisión, 07 retención).");
        }

        var errorRuc = ErrorRuc(clave.Substring(10, 13));
        if (errorRuc is not null)
        {
            errores.Add(errorRuc);
        }

        if (clave[23] is not ('1' or '2'))
        {
            errores.Add($"El ambiente {clave[23]} no es válido (1 pruebas, 2 producción).");
        }

        if (clave[47] != '1')
        {
            errores.Add($"El tipo de emisión {clave[47]} no es válido (1 emisión normal).");
        }

        var esperado = CalcularDigitoVerificador(clave.AsSpan(0, 48));
        var actual = clave[48] - '0';
        if (actual != esperado)
        {
            errores.Add($"El dígito verificador es {actual} pero debería ser {esperado}.");
        }

        return errores.Count == 0
            ? new ResultadoClaveDeAcceso(new ClaveDeAcceso(clave), errores)
            : new ResultadoClaveDeAcceso(null, errores);
    }

    /// <summary>Parses a clave, throwing when it is not valid.</summary>
    /// <exception cref="ClaveDeAccesoInvalidaException">The clave is not valid.</exception>
    public static ClaveDeAcceso Parse(string clave)
    {
        var resultado = Validar(clave);
        return resultado.Clave ?? throw new ClaveDeAccesoInvalidaException(resultado.Errores);
    }

    /// <summary>Parses a clave without throwing.</summary>
    public static bool TryParse(string? clave, [NotNullWhen(true)] out ClaveDeAcceso? resultado)
    {
        resultado = Validar(clave).Clave;
        return resultado is not null;
    }

    /// <summary>
    /// Shape of an issuer RUC: 13 digits ending in 001 whose first two digits are a province
    /// code (01–24, or 30 for those registered abroad). Null when plausible.
    /// </summary>
    internal static string? ErrorRuc(string ruc)
    {
        if (!SonDigitos(ruc, 13))
        {
            return $"El RUC '{ruc}' debe tener 13 dígitos.";
        }

        if (!ruc.EndsWith("001", StringComparison.Ordinal))
        {
            return $"El RUC {ruc} debe terminar en 001.";
        }

        var provincia = int.Parse(ruc.AsSpan(0, 2), CultureInfo.InvariantCulture);
        return provincia is (>= 1 and <= 24) or 30
            ? null
            : $"El RUC {ruc} empieza con {ruc[..2]}, que no es un código de provincia (01–24 o 30).";
    }

    internal static bool SonDigitos(string? s, int longitud) =>
        s is not null && s.Length == longitud && s.All(char.IsAsciiDigit);
}
