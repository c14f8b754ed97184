using System.Text;

namespace Cartero.Sri;

/// <summary>
/// Code 128 for numeric strings (ISO/IEC 15417): code set C packs two digits per symbol; an odd
/// trailing digit is written after a switch to code set B. Widths are in modules, starting with
/// a bar and alternating bar/space; quiet zones are not included.
/// </summary>
public static class Code128
{
    /// <summary>Symbol value of Start C.</summary>
    public const int InicioC = 105;

    /// <summary>Symbol value of Start B.</summary>
    public const int InicioB = 104;

    /// <summary>Symbol value of Stop.</summary>
    public const int Fin = 106;

    /// <summary>In code set C, switches to code set B.</summary>
    public const int CambioAB = 100;

    /// <summary>In code set B, switches to code set C.</summary>
    public const int CambioAC = 99;

    // Bar/space widths of symbols 0..106 (106 = stop, which has a seventh, final bar).
    private static readonly string[] Patrones =
    [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    ];

    /// <summary>The bar/space widths (in modules) of one symbol value.</summary>
    public static IReadOnlyList<int> Patron(int valor) => Patrones[valor].Select(c => c - '0').ToArray();

    /// <summary>Symbol values for a digit string: start, data, checksum and stop.</summary>
    /// <exception cref="ArgumentException">Empty or not only digits.</exception>
    public static IReadOnlyList<int> Codificar(string digitos)
    {
        ArgumentNullException.ThrowIfNull(digitos);
        if (digitos.Length == 0 || !digitos.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("Code 128 C solo codifica dígitos.", nameof(digitos));
        }

        var valores = new List<int> { InicioC };
        var pares = digitos.Length / 2;
        for (var i = 0; i < pares; i++)
        {
            valores.Add((digitos[2 * i] - '0') * 10 + (digitos[2 * i + 1] - '0'));
        }

        if (digitos.Length % 2 == 1)
        {
            valores.Add(CambioAB);
            valores.Add(digitos[^1] - ' '); // code set B value of an ASCII character is code − 32
        }

        var suma = valores[0];
        for (var i = 1; i < valores.Count; i++)
        {
            suma += i * valores[i];
        }

        valores.Add(suma % 103);
        valores.Add(Fin);
        return valores;
    }

    /// <summary>Module widths of the whole barcode for a digit string (bar first).</summary>
    public static IReadOnlyList<int> Anchos(string digitos) => Codificar(digitos).SelectMany(Patron).ToArray();

    /// <summary>Decodes module widths back to the digits, checking structure and checksum.</summary>
    /// <exception cref="FormatException">The widths are not a valid numeric Code 128.</exception>
    public static string Decodificar(IReadOnlyList<int> anchos)
    {
        ArgumentNullException.ThrowIfNull(anchos);
        if (anchos.Count < 6 + 6 + 7 || (anchos.Count - 7) % 6 != 0)
        {
            throw new FormatException($"Cantidad de barras y espacios inválida: {anchos.Count}.");
        }

        var valores = new List<int>();
        for (var i = 0; i < anchos.Count - 7; i += 6)
        {
            var patron = string.Concat(anchos.Skip(i).Take(6));
            var valor = Array.IndexOf(Patrones, patron);
            if (valor < 0)
            {
                throw new FormatException($"Símbolo desconocido en la posición {i / 6}: {patron}.");
            }

            valores.Add(valor);
        }

        if (string.Concat(anchos.Skip(anchos.Count - 7)) != Patrones[Fin])
        {
            throw new FormatException("Falta el símbolo de parada.");
        }

        var suma = valores[0];
        for (var i = 1; i < valores.Count - 1; i++)
        {
            suma += i * valores[i];
        }

        if (suma % 103 != valores[^1])
        {
            throw new FormatException("El dígito de control del código de barras no coincide.");
        }

        var texto = new StringBuilder();
        var conjuntoC = valores[0] switch
        {
            InicioC => true,
            InicioB => false,
            _ => throw new FormatException("El código no empieza con Start B ni Start C."),
        };
        foreach (var v in valores.Skip(1).SkipLast(1))
        {
            if (conjuntoC)
            {
                if (v < 100)
                {
                    texto.Append(v.ToString("00", System.Globalization.CultureInfo.InvariantCulture));
                }
                else if (v == CambioAB)
                {
                    conjuntoC = false;
                }
                else
                {
                    throw new FormatException($"Valor {v} no admitido en el conjunto C.");
                }
            }
            else if (v == CambioAC)
            {
                conjuntoC = true;
            }
            else if (v is >= 16 and <= 25)
            {
                texto.Append((char)(v + ' '));
            }
            else
            {
                throw new FormatException($"Valor {v} del conjunto B no es un dígito.");
            }
        }

        return texto.ToString();
    }
}
