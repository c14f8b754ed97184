using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cartero.Features.Audit;

/// <summary>
/// The audit trail in a person's words: each stored action code as a Spanish sentence (<see cref="AuditAction.Wording"/>), and each detail document
/// as "campo: valor" lines (changes as "antes → después"), so the page never shows raw JSON or English enum names.
/// Codes stay as stored; an unknown code is shown as itself, readable.
/// </summary>
public static partial class AuditWording
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["antes"] = "antes", ["despues"] = "después", ["contrasena"] = "contraseña", ["clave_api"] = "clave de API",
        ["proveedor"] = "proveedor", ["servidor"] = "servidor", ["puerto"] = "puerto", ["seguridad"] = "seguridad", ["usuario"] = "usuario",
        ["sendgrid_url"] = "URL de SendGrid", ["certificado_confiable_sha256"] = "certificado de confianza", ["remitente_correo"] = "remitente",
        ["remitente_nombre"] = "nombre del remitente", ["responder_a"] = "responder a", ["correo"] = "correo", ["destino"] = "destino",
        ["resultado"] = "resultado", ["codigo"] = "código", ["ajustesSinGuardar"] = "con ajustes sin guardar", ["admin"] = "administración",
        ["prefijo"] = "prefijo", ["roles"] = "roles", ["idCliente"] = "id de cliente", ["filas"] = "filas", ["formato"] = "formato",
        ["filtro"] = "filtro", ["correos"] = "correos", ["desde"] = "desde", ["motivo"] = "motivo", ["claves"] = "claves",
        ["clavesRevocadas"] = "claves revocadas", ["secretos"] = "secretos", ["por_columna"] = "por columna", ["clave"] = "clave",
        ["sha256"] = "sha256", ["metodo"] = "método", ["medio"] = "medio", ["nombre"] = "nombre", ["fallos"] = "fallos",
        ["esperaSegundos"] = "espera (segundos)", ["fallosCuenta"] = "fallos de la cuenta", ["fallosDireccion"] = "fallos de la dirección",
        ["codigosRecuperacion"] = "códigos de recuperación", ["origen"] = "origen", ["webhook_activo"] = "webhook activo",
        ["clave_publica"] = "clave pública", ["tolerancia_segundos"] = "tolerancia (segundos)", ["pixel_activo"] = "píxel activo",
        ["tipos_sin_pixel"] = "tipos sin píxel", ["lote"] = "lote", ["constancia"] = "constancia",
        ["invitacion"] = "invitación", ["tipo_correo"] = "tipo de correo", ["dias"] = "días", ["entidad_tipo"] = "tipo de entidad",
        ["entidad_id"] = "id de entidad", ["depurados"] = "correos depurados",
    };

    private static readonly Dictionary<string, string> Values = new(StringComparer.Ordinal)
    {
        ["Accepted"] = "aceptado", ["AccountFailure"] = "falla de la cuenta", ["Transient"] = "falla temporal", ["Permanent"] = "rechazo definitivo",
        ["true"] = "sí", ["false"] = "no", ["contrasena"] = "contraseña", ["codigo_recuperacion"] = "código de recuperación",
        ["contrasena_incorrecta"] = "contraseña incorrecta", ["cuenta_no_permitida"] = "cuenta desactivada o no permitida",
        ["configuracion_inicial"] = "configuración inicial",
    };

    /// <summary>The Spanish sentence for an action code.</summary>
    public static string Action(string code) => AuditAction.Find(code)?.Wording ?? code.Replace('_', ' ');

    /// <summary>The detail document as readable lines; not JSON (or empty) is shown as it is.</summary>
    public static IReadOnlyList<string> Details(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var lines = new List<string>();
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    lines.Add($"{Field(property.Name)}: {Value(property.Value)}");
                }
            }
            else
            {
                lines.Add(Value(document.RootElement));
            }

            return lines;
        }
        catch (JsonException)
        {
            return [json];
        }
    }

    /// <summary>A stored code such as <c>cuenta_desconocida</c>, shown as words; addresses and names are left alone.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^[a-z]+(_[a-z]+)+$")]
    private static partial System.Text.RegularExpressions.Regex SnakeCode();

    private static string Field(string name) => Fields.TryGetValue(name, out var text) ? text : name.Replace('_', ' ');

    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "—",
        JsonValueKind.True => "sí",
        JsonValueKind.False => "no",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.String => Values.TryGetValue(value.GetString()!, out var word) ? word
            : SnakeCode().IsMatch(value.GetString()!) ? value.GetString()!.Replace('_', ' ') : value.GetString()!,
        JsonValueKind.Array => value.GetArrayLength() == 0 ? "—" : string.Join(", ", value.EnumerateArray().Select(Value)),
        _ => Object(value),
    };

    private static string Object(JsonElement value)
    {
        if (value.TryGetProperty("antes", out var before) && value.TryGetProperty("despues", out var after))
        {
            return $"{Value(before)} → {Value(after)}";
        }

        var text = new StringBuilder();
        foreach (var property in value.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null))
        {
            text.Append(text.Length == 0 ? "" : "; ").Append(CultureInfo.InvariantCulture, $"{Field(property.Name)} {Value(property.Value)}");
        }

        return text.Length == 0 ? "—" : text.ToString();
    }
}
