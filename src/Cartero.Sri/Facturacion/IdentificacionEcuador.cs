namespace Cartero.Sri;

/// <summary>
/// Check digits of Ecuadorian identifications as the Registro Civil and the SRI assign them: cédula (módulo 10), RUC
/// of a persona natural (the cédula plus an establishment), of a sociedad privada (third digit 9, módulo 11) and of a
/// sociedad pública (third digit 6, módulo 11). Pasaporte and identificación del exterior have no check digit.
/// </summary>
/// <remarks>
/// Known exceptions, kept on purpose: a RUC with third digit 6 that fails the público check but is a valid persona
/// natural RUC is accepted (the Registro Civil also issues cédulas with third digit 6, and their RUC keeps it);
/// 9999999999999 is consumidor final, never a RUC; the province may be 01–24 or 30 (Ecuadorians registered abroad).
/// The SRI has also issued a few RUCs of sociedades whose check digit does not follow módulo 11: they are refused
/// here with a message that says so, because the check cannot tell them from a typing mistake.
/// </remarks>
public static class IdentificacionEcuador
{
    private static readonly int[] PesosPrivada = [4, 3, 2, 7, 6, 5, 4, 3, 2];
    private static readonly int[] PesosPublica = [3, 2, 7, 6, 5, 4, 3, 2];

    /// <summary>The problem of a cédula, in Spanish, or null when it is valid.</summary>
    public static string? ErrorCedula(string? cedula)
    {
        var id = cedula ?? "";
        if (!ClaveDeAcceso.SonDigitos(id, 10))
        {
            return $"La cédula '{id}' debe tener 10 dígitos.";
        }

        if (!ProvinciaValida(id))
        {
            return $"La cédula '{id}' empieza con {id[..2]}, que no es un código de provincia (01 a 24, o 30); revise los dos primeros dígitos.";
        }

        if (id[2] > '6')
        {
            return $"La cédula '{id}' tiene {id[2]} como tercer dígito; en una cédula es de 0 a 6. ¿Es un RUC de sociedad? Elija el tipo RUC.";
        }

        return Modulo10(id) == id[9] - '0'
            ? null
            : $"La cédula '{id}' no es válida: su dígito verificador (el último) no corresponde. Revise el número en el documento del comprador.";
    }

    /// <summary>The problem of a RUC, in Spanish, or null when it is valid.</summary>
    public static string? ErrorRuc(string? ruc)
    {
        var id = ruc ?? "";
        if (!ClaveDeAcceso.SonDigitos(id, 13))
        {
            return $"El RUC '{id}' debe tener 13 dígitos.";
        }

        if (id == Comprador.IdentificacionConsumidorFinal)
        {
            return "9999999999999 es consumidor final, no un RUC: elija el tipo consumidor final.";
        }

        if (!ProvinciaValida(id))
        {
            return $"El RUC '{id}' empieza con {id[..2]}, que no es un código de provincia (01 a 24, o 30); revise los dos primeros dígitos.";
        }

        switch (id[2])
        {
            case '9':
                if (id.EndsWith("000", StringComparison.Ordinal))
                {
                    return $"El RUC '{id}' debe terminar en el número de establecimiento (001 o mayor), no en 000.";
                }

                return Modulo11(id, PesosPrivada) == id[9] - '0'
                    ? null
                    : $"El RUC de sociedad '{id}' no es válido: su dígito verificador (el décimo) no corresponde al módulo 11. Compruebe el número en la consulta de RUC del SRI.";
            case '6':
                if (!id.EndsWith("0000", StringComparison.Ordinal) && Modulo11(id, PesosPublica) == id[8] - '0')
                {
                    return null;
                }

                // A persona natural whose cédula has a 6 as third digit.
                return NaturalValido(id)
                    ? null
                    : $"El RUC '{id}' no es válido: no cumple el dígito verificador de una entidad pública (noveno dígito, módulo 11) ni el de una persona natural (décimo, módulo 10). Compruebe el número en la consulta de RUC del SRI.";
            case '7' or '8':
                return $"El RUC '{id}' tiene {id[2]} como tercer dígito, que no corresponde a ningún tipo de contribuyente (0–6 persona natural o pública, 9 sociedad).";
            default:
                if (id.EndsWith("000", StringComparison.Ordinal))
                {
                    return $"El RUC '{id}' debe terminar en el número de establecimiento (001 o mayor), no en 000.";
                }

                return Modulo10(id) == id[9] - '0'
                    ? null
                    : $"El RUC de persona natural '{id}' no es válido: sus 10 primeros dígitos deben ser una cédula y el décimo dígito verificador no corresponde. Revise el número.";
        }
    }

    private static bool NaturalValido(string id) => !id.EndsWith("000", StringComparison.Ordinal) && Modulo10(id) == id[9] - '0';

    private static bool ProvinciaValida(string id)
    {
        var provincia = (id[0] - '0') * 10 + (id[1] - '0');
        return provincia is (>= 1 and <= 24) or 30;
    }

    /// <summary>Módulo 10 over the first nine digits (coefficients 2, 1, 2, 1…; a product above 9 loses 9).</summary>
    private static int Modulo10(string id)
    {
        var suma = 0;
        for (var i = 0; i < 9; i++)
        {
            var producto = (id[i] - '0') * (i % 2 == 0 ? 2 : 1);
            suma += producto > 9 ? producto - 9 : producto;
        }

        return (10 - suma % 10) % 10;
    }

    /// <summary>Módulo 11 with the given weights: 11 − (sum mod 11), where 11 gives 0 and 10 is never a valid digit.</summary>
    private static int Modulo11(string id, int[] pesos)
    {
        var suma = 0;
        for (var i = 0; i < pesos.Length; i++)
        {
            suma += (id[i] - '0') * pesos[i];
        }

        var r = 11 - suma % 11;
        return r == 11 ? 0 : r == 10 ? -1 : r;
    }
}
