using System.Globalization;

namespace Cartero.Features.Clinical;

/// <summary>
/// Checks a typed prescription against the ranges an optometrist writes: esfera −30…+30 and cilindro −10…+10 in steps
/// of 0.25, eje 0…180 whole degrees (needed when there is cilindro), adición 0…+4 in 0.25, prisma 0…20 in 0.25,
/// DP 20…40 mm per eye in 0.5. Every problem is a Spanish message keyed by its field.
/// </summary>
public static class PrescriptionValidator
{
    public const int MaxNotes = 2000;

    public static Prescription Validate(PrescriptionInput input, DateTime issuedAt)
    {
        var errors = new Dictionary<string, string[]>();
        var od = Eye(input.OdEsfera, input.OdCilindro, input.OdEje, input.OdAdicion, input.OdPrisma, input.OdDp, "od", "OD", errors);
        var oi = Eye(input.OiEsfera, input.OiCilindro, input.OiEje, input.OiAdicion, input.OiPrisma, input.OiDp, "oi", "OI", errors);
        var notes = string.IsNullOrWhiteSpace(input.Notas) ? null : input.Notas.Trim();
        if (notes is { Length: > MaxNotes })
        {
            errors["notas"] = [$"Las notas admiten hasta {MaxNotes} caracteres; tienen {notes.Length}."];
        }

        var name = input.Optometrista?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors["optometrista"] = ["Escriba el nombre del optometrista que firma la receta (hasta 200 caracteres)."];
        }

        var registration = input.Registro?.Trim();
        if (string.IsNullOrEmpty(registration) || registration.Length > 40 || !registration.All(c => char.IsLetterOrDigit(c) || c is '-' or '.' or '/' or ' '))
        {
            errors["registro"] = ["Escriba el número de registro profesional del optometrista (letras, números y guiones, hasta 40 caracteres)."];
        }

        if (errors.Count > 0)
        {
            throw new ClinicalValidationException(errors);
        }

        return new Prescription(od!, oi!, notes, name!, registration!, issuedAt);
    }

    private static EyePrescription? Eye(string? sphere, string? cylinder, string? axis, string? addition, string? prism, string? pd, string key, string eye, Dictionary<string, string[]> errors)
    {
        var s = Number(sphere, $"{key}Esfera", $"Esfera {eye}", -30m, 30m, 0.25m, required: true, errors);
        var c = Number(cylinder, $"{key}Cilindro", $"Cilindro {eye}", -10m, 10m, 0.25m, required: false, errors);
        int? a = null;
        if (!string.IsNullOrWhiteSpace(axis))
        {
            if (int.TryParse(axis.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var degrees) && degrees is >= 0 and <= 180)
            {
                a = degrees;
            }
            else
            {
                errors[$"{key}Eje"] = [$"Eje {eye}: escriba un número entero de grados entre 0 y 180."];
            }
        }
        else if (c is not null and not 0m)
        {
            errors[$"{key}Eje"] = [$"Eje {eye}: con cilindro hace falta el eje (0 a 180 grados)."];
        }

        var add = Number(addition, $"{key}Adicion", $"Adición {eye}", 0m, 4m, 0.25m, required: false, errors);
        var p = Number(prism, $"{key}Prisma", $"Prisma {eye}", 0m, 20m, 0.25m, required: false, errors);
        var d = Number(pd, $"{key}Dp", $"DP {eye}", 20m, 40m, 0.5m, required: false, errors);
        return s is null ? null : new EyePrescription(s.Value, c, a, add, p, d);
    }

    private static decimal? Number(string? text, string field, string label, decimal min, decimal max, decimal step, bool required, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors[field] = [$"{label}: escriba un valor (0 si no hay corrección)."];
            }

            return null;
        }

        var normalized = text.Trim().Replace(',', '.');
        if (!decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            errors[field] = [$"{label}: no es un número; escríbalo por ejemplo así: -1.25."];
            return null;
        }

        if (value < min || value > max || value % step != 0)
        {
            errors[field] = [$"{label}: debe estar entre {Show(min)} y {Show(max)} en pasos de {step.ToString("0.00", CultureInfo.InvariantCulture)}."];
            return null;
        }

        return value;
    }

    private static string Show(decimal value) => value > 0 ? "+" + value.ToString("0.##", CultureInfo.InvariantCulture) : value.ToString("0.##", CultureInfo.InvariantCulture);
}
