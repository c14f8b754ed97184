using Microsoft.Extensions.Options;

namespace Cartero.Features.Sending.Attachments;

/// <summary>
/// Checks attachments before anything is stored: names (invisible characters removed, no executable or double
/// extension, an extension that fits the type), types (allowed, never executable), base64, sizes, counts, and that
/// the content really is of the declared type (PDF, PNG, JPEG, XML, XLSX…).
/// </summary>
public sealed class AttachmentValidator(IOptions<AttachmentLimits> options)
{
    private static readonly char[] ForbiddenInNames = ['/', '\\', '\r', '\n', '\0', ':', '*', '?', '"', '<', '>', '|'];

    public AttachmentValidation Validate(IReadOnlyList<IncomingAttachment> attachments)
    {
        var limits = options.Value;
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var valid = new List<ValidAttachment>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        if (attachments.Count > limits.MaxCount)
        {
            Add("attachments", $"Demasiados adjuntos: {attachments.Count} (máximo {limits.MaxCount}).");
        }

        long total = 0;
        for (var i = 0; i < attachments.Count; i++)
        {
            var a = attachments[i];
            var path = $"attachments[{i}]";
            var ok = true;
            var type = a.ContentType?.Trim().ToLowerInvariant();
            // Invisible characters are dropped before any check, so what is checked is what a person will see.
            var name = a.FileName is null ? "" : AttachmentFileTypes.CleanFileName(a.FileName);
            var extensions = AttachmentFileTypes.ExtensionsOf(name);
            if (name.Length == 0)
            {
                Add($"{path}.fileName", "Indique el nombre del archivo.");
                ok = false;
            }
            else if (name.Length > 200 || name.IndexOfAny(ForbiddenInNames) >= 0 || name.Trim('.').Length == 0)
            {
                Add($"{path}.fileName", "El nombre del archivo admite hasta 200 caracteres, sin rutas ni caracteres especiales (/ \\ : * ? \" < > | saltos de línea).");
                ok = false;
            }
            else if (extensions.FirstOrDefault(AttachmentFileTypes.ExecutableExtensions.Contains) is { } executable)
            {
                Add($"{path}.fileName", $"No se envían archivos ejecutables ni con doble extensión engañosa ('.{executable}' en «{name}»). Envíe el documento como PDF u otro tipo permitido.");
                ok = false;
            }
            else if (type is not null && AttachmentFileTypes.ExtensionsByType.TryGetValue(type, out var expected) &&
                     extensions.Count > 0 && !expected.Contains(extensions[^1], StringComparer.OrdinalIgnoreCase))
            {
                Add($"{path}.fileName", $"El nombre «{name}» no corresponde al tipo {type}: use la extensión {string.Join(" o ", expected.Select(e => "." + e))}.");
                ok = false;
            }

            if (string.IsNullOrEmpty(type))
            {
                Add($"{path}.contentType", "Indique el tipo de contenido (por ejemplo application/pdf).");
                ok = false;
            }
            else if (AttachmentFileTypes.ExecutableContentTypes.Contains(type))
            {
                Add($"{path}.contentType", $"No se envían archivos ejecutables, scripts ni páginas web ('{a.ContentType}'). Envíe el documento como PDF u otro tipo permitido.");
                ok = false;
            }
            else if (!limits.AllowedContentTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
            {
                Add($"{path}.contentType", $"Tipo de archivo no permitido '{a.ContentType}'. Permitidos: {string.Join(", ", limits.AllowedContentTypes)}.");
                ok = false;
            }

            var content = a.Content;
            var contentField = content is null ? $"{path}.contentBase64" : $"{path}.content";
            if (content is not null)
            {
                // Bytes from inside the app: nothing to decode; the checks below still apply.
            }
            else if (string.IsNullOrEmpty(a.ContentBase64))
            {
                Add($"{path}.contentBase64", "El adjunto está vacío.");
                ok = false;
            }
            else if ((long)a.ContentBase64.Length * 3 / 4 > limits.MaxFileBytes + 3)
            {
                Add($"{path}.contentBase64", $"El adjunto supera el máximo de {limits.MaxFileBytes / 1024 / 1024} MB.");
                ok = false;
            }
            else
            {
                try
                {
                    content = Convert.FromBase64String(a.ContentBase64);
                }
                catch (FormatException)
                {
                    Add($"{path}.contentBase64", "El contenido no es base64 válido.");
                    ok = false;
                }
            }

            if (content is not null)
            {
                total += content.Length;
                if (content.Length == 0)
                {
                    Add(contentField, "El adjunto está vacío.");
                    ok = false;
                }
                else if (content.Length > limits.MaxFileBytes)
                {
                    Add(contentField, $"El adjunto supera el máximo de {limits.MaxFileBytes / 1024 / 1024} MB.");
                    ok = false;
                }
                else if (type is not null && !AttachmentFileTypes.HasExpectedSignature(type, content))
                {
                    Add(contentField, $"El contenido no es un archivo {type} aunque ese sea el tipo declarado (no empieza como uno). Revise que adjunta el archivo correcto.");
                    ok = false;
                }
            }

            if (ok && content is not null)
            {
                valid.Add(new ValidAttachment(name, type!, content));
            }
        }

        if (total > limits.MaxTotalBytes)
        {
            Add("attachments", $"Los adjuntos suman {total / 1024 / 1024.0:0.0} MB; el máximo por correo es {limits.MaxTotalBytes / 1024 / 1024} MB.");
        }

        return new AttachmentValidation(errors, valid);
    }
}
