using System.Text.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Templates;
using MimeKit;

namespace Cartero.Features.Sending.Enqueue;

/// <summary>
/// Checks a send request field by field before anything is stored. Collects every problem, so the caller can
/// fix them all at once, with Spanish messages keyed by the JSON path of the field.
/// </summary>
public sealed class EmailRequestValidator(IEmailTemplates templates)
{
    public static readonly string[] RecipientKinds = ["cliente", "empleado", "externo"];
    private const int MaxRecipients = 50;
    private const int MaxBodyChars = 2_000_000;

    public Dictionary<string, List<string>> Validate(EnqueueEmailRequest request)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        if (string.IsNullOrWhiteSpace(request.Type))
        {
            Add("type", "Indique el tipo de correo (por ejemplo 'factura' o 'alerta_stock').");
        }
        else if (!templates.KnownTypes.Contains(request.Type))
        {
            Add("type", $"Tipo de correo desconocido '{request.Type}'. Tipos válidos: {string.Join(", ", templates.KnownTypes.Order(StringComparer.Ordinal))}.");
        }

        if (request.To is null)
        {
            Add("to", "Indique el destinatario (to.address).");
        }
        else
        {
            ValidateRecipient(request.To, "to", Add);
        }

        var extra = (request.Cc?.Count ?? 0) + (request.Bcc?.Count ?? 0);
        if (extra > MaxRecipients)
        {
            Add("cc", $"Demasiados destinatarios en copia: {extra} (máximo {MaxRecipients}).");
        }

        for (var i = 0; i < (request.Cc?.Count ?? 0); i++)
        {
            ValidateRecipient(request.Cc![i], $"cc[{i}]", Add);
        }

        for (var i = 0; i < (request.Bcc?.Count ?? 0); i++)
        {
            ValidateRecipient(request.Bcc![i], $"bcc[{i}]", Add);
        }

        for (var i = 0; i < (request.Attachments?.Count ?? 0); i++)
        {
            if (request.Attachments![i] is null)
            {
                Add($"attachments[{i}]", "El adjunto está vacío: indique fileName, contentType y contentBase64, o quítelo de la lista.");
            }
        }

        if (request.Data is { } data)
        {
            ValidateData(data, "data", Add);
        }

        if (request.Entity is { } entity)
        {
            if (string.IsNullOrWhiteSpace(entity.Type) != string.IsNullOrWhiteSpace(entity.Id))
            {
                Add("entity", "Indique a la vez el tipo y el id de la entidad, o ninguno de los dos.");
            }

            if (!string.IsNullOrEmpty(entity.Type) && (entity.Type.Length > 64 || !entity.Type.All(c => c is >= 'a' and <= 'z' or '_')))
            {
                Add("entity.type", "El tipo de entidad debe tener solo letras minúsculas y '_' (por ejemplo 'venta', 'documento_clinico').");
            }

            if (entity.Id is { Length: > 64 } || HasControlChars(entity.Id))
            {
                Add("entity.id", "El id de la entidad admite hasta 64 caracteres sin saltos de línea.");
            }
        }

        var raw = request.Subject is not null || request.Html is not null || request.Text is not null;
        if (raw)
        {
            if (request.Template is not null)
            {
                Add("template", "Envíe una plantilla o un asunto con contenido, no ambos.");
            }

            if (string.IsNullOrWhiteSpace(request.Subject))
            {
                Add("subject", "Indique el asunto.");
            }
            else if (HasLineBreak(request.Subject))
            {
                Add("subject", "El asunto no puede contener saltos de línea.");
            }
            else if (request.Subject.Length > FluidEmailTemplates.MaxSubjectChars)
            {
                Add("subject", $"El asunto admite hasta {FluidEmailTemplates.MaxSubjectChars} caracteres.");
            }

            if (string.IsNullOrEmpty(request.Html) && string.IsNullOrEmpty(request.Text))
            {
                Add("html", "Indique el contenido HTML o de texto del correo.");
            }

            if (request.Html is { Length: > MaxBodyChars })
            {
                Add("html", $"El contenido HTML supera {MaxBodyChars / 1_000_000} millones de caracteres; envíe los documentos grandes como adjuntos.");
            }

            if (request.Text is { Length: > MaxBodyChars })
            {
                Add("text", $"El texto supera {MaxBodyChars / 1_000_000} millones de caracteres; envíe los documentos grandes como adjuntos.");
            }
        }
        else if (request.Template is { } template && !templates.Exists(template))
        {
            Add("template", $"La plantilla '{template}' no existe.");
        }

        if (IdempotencyKeyProblem(request.IdempotencyKey) is { } problem)
        {
            Add("idempotencyKey", problem);
        }

        return errors;
    }

    /// <summary>Why an idempotency key is unusable, or null when it is fine (or absent). Shared by every API that takes one.</summary>
    public static string? IdempotencyKeyProblem(string? key) =>
        key is not null && (key.Length is 0 or > 200 || HasControlChars(key))
            ? "La clave de idempotencia debe tener entre 1 y 200 caracteres sin saltos de línea ni caracteres de control."
            : null;

    /// <summary>
    /// Template data must be something a template can print: numbers a <see cref="decimal"/> holds and text that is
    /// valid UTF-16. Checked here, field by field, because the JSON reader lets both through until the value is read.
    /// </summary>
    private static void ValidateData(JsonNode? node, string path, Action<string, string> add)
    {
        switch (node)
        {
            case JsonObject obj:
                List<KeyValuePair<string, JsonNode?>> members;
                try
                {
                    members = [.. obj];
                }
                catch (InvalidOperationException)
                {
                    add(path, "Un nombre de campo contiene caracteres inválidos (sustitutos UTF-16 sueltos); corríjalo.");
                    return;
                }

                foreach (var (name, child) in members)
                {
                    ValidateData(child, $"{path}.{name}", add);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    ValidateData(array[i], $"{path}[{i}]", add);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                if (!value.TryGetValue<decimal>(out _))
                {
                    add(path, "El número está fuera del rango admitido (hasta 28 cifras significativas, sin exponentes enormes).");
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                try
                {
                    if (HasLoneSurrogate(value.GetValue<string>()))
                    {
                        add(path, InvalidText);
                    }
                }
                catch (InvalidOperationException)
                {
                    add(path, InvalidText);
                }

                break;
        }
    }

    private const string InvalidText = "El texto contiene caracteres inválidos (sustitutos UTF-16 sueltos); escríbalo de nuevo.";

    private static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static void ValidateRecipient(EmailRecipient? recipient, string path, Action<string, string> add)
    {
        if (recipient is null)
        {
            add(path, "El destinatario está vacío: indique address, o quítelo de la lista.");
            return;
        }

        if (string.IsNullOrWhiteSpace(recipient.Address))
        {
            add($"{path}.address", "Indique la dirección de correo.");
        }
        else if (recipient.Address.Any(IsInvisible))
        {
            add($"{path}.address", "La dirección contiene caracteres invisibles o de control (espacios de ancho cero, marcas de dirección del texto…); escríbala de nuevo en lugar de copiarla.");
        }
        else if (!IsValidAddress(recipient.Address))
        {
            add($"{path}.address", $"'{Truncate(recipient.Address)}' no es una dirección de correo válida.");
        }

        if (recipient.Name is { } name && (HasLineBreak(name) || name.Length > 200 || name.Any(c => char.IsControl(c) || IsBidiControl(c))))
        {
            add($"{path}.name", "El nombre admite hasta 200 caracteres, sin saltos de línea ni caracteres de control o de dirección del texto.");
        }

        if (recipient.Kind is { } kind && !RecipientKinds.Contains(kind))
        {
            add($"{path}.kind", $"Tipo de destinatario desconocido '{kind}'. Use: {string.Join(", ", RecipientKinds)}.");
        }

        if (recipient.Id is { Length: > 64 } || HasControlChars(recipient.Id))
        {
            add($"{path}.id", "El id del destinatario admite hasta 64 caracteres sin saltos de línea.");
        }
    }

    /// <summary>
    /// A single bare address that MimeKit parses back to exactly itself, with a dotted domain, and without anything a
    /// person cannot see: controls, zero-width and bidi characters (U+200B, U+202E…), any kind of white space.
    /// </summary>
    public static bool IsValidAddress(string address)
    {
        if (address.Length > 320 || address.Any(c => char.IsWhiteSpace(c) || IsInvisible(c)))
        {
            return false;
        }

        if (!MailboxAddress.TryParse(ParserOptions.Default, address, out var mailbox) ||
            !string.Equals(mailbox.Address, address, StringComparison.Ordinal))
        {
            return false;
        }

        var at = address.LastIndexOf('@');
        return at > 0 && address.IndexOf('.', at) > at + 1 && !address.EndsWith('.');
    }

    /// <summary>Control, format (zero-width, bidi, BOM) and line/paragraph separator characters.</summary>
    public static bool IsInvisible(char c) => char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Control
        or System.Globalization.UnicodeCategory.Format
        or System.Globalization.UnicodeCategory.LineSeparator
        or System.Globalization.UnicodeCategory.ParagraphSeparator;

    /// <summary>Characters that reorder the text around them (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C).</summary>
    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';

    private static bool HasLineBreak(string value) => value.Contains('\r') || value.Contains('\n');

    private static bool HasControlChars(string? value) => value is not null && value.Any(char.IsControl);

    private static string Truncate(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
