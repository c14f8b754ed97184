using Cartero.Features.Sending;

namespace Cartero.Features.Settings;

/// <summary>Field-by-field checks of a settings change, with Spanish messages, before anything is saved.</summary>
public static class MailSettingsValidator
{
    public static readonly string[] Providers = ["smtp", "sendgrid", "pickup"];
    public static readonly string[] Securities = ["auto", "none", "starttls", "sslonconnect"];

    public static Dictionary<string, string[]> Validate(MailSettingsUpdate s, MailAccountSettings? stored)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var provider = s.Provider?.Trim().ToLowerInvariant();
        if (provider is null || !Providers.Contains(provider))
        {
            errors["provider"] = ["Elija el proveedor: smtp, sendgrid o pickup (archivos .eml)."];
        }

        if (provider == "smtp")
        {
            if (string.IsNullOrWhiteSpace(s.Host))
            {
                errors["host"] = ["Indique el servidor SMTP (por ejemplo smtp.optica.ec)."];
            }
            else if (s.Host.Contains("://", StringComparison.Ordinal) || s.Host.Any(char.IsWhiteSpace) || s.Host.Length > 255)
            {
                errors["host"] = ["Indique solo el nombre o la IP del servidor, sin 'smtp://' ni espacios."];
            }

            if (s.Port is not null and (< 1 or > 65535))
            {
                errors["port"] = ["El puerto debe estar entre 1 y 65535 (habitual: 587 con STARTTLS, 465 con SSL)."];
            }

            if (s.Security is not null && !Securities.Contains(s.Security.Trim().ToLowerInvariant()))
            {
                errors["security"] = ["Seguridad desconocida: use auto, none, starttls o sslonconnect."];
            }

            var hasUser = !string.IsNullOrWhiteSpace(s.Username);
            var hasPassword = s.Password is { Length: > 0 } || (s.Password is null && stored?.PasswordEncrypted is not null);
            if (hasUser && !hasPassword)
            {
                errors["password"] = ["Indique la contraseña del usuario SMTP."];
            }
            else if (!hasUser && s.Password is { Length: > 0 })
            {
                errors["username"] = ["Indique el usuario al que pertenece la contraseña."];
            }
        }

        if (provider == "sendgrid")
        {
            var hasKey = s.ApiKey is { Length: > 0 } || (s.ApiKey is null && stored?.ApiKeyEncrypted is not null);
            if (!hasKey)
            {
                errors["apiKey"] = ["Indique la clave de API de SendGrid."];
            }

            if (s.SendGridBaseUrl is { Length: > 0 } url &&
                (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
            {
                errors["sendGridBaseUrl"] = ["La URL de SendGrid debe ser absoluta (https://…)."];
            }
        }

        if (string.IsNullOrWhiteSpace(s.FromAddress) || !EmailRequestValidator.IsValidAddress(s.FromAddress.Trim()))
        {
            errors["fromAddress"] = ["Indique una dirección de remitente válida (por ejemplo facturas@optica.ec)."];
        }

        if (s.FromName is { } name && (name.Length > 200 || name.Contains('\r') || name.Contains('\n')))
        {
            errors["fromName"] = ["El nombre del remitente admite hasta 200 caracteres sin saltos de línea."];
        }

        if (s.ReplyTo is { Length: > 0 } reply && !EmailRequestValidator.IsValidAddress(reply.Trim()))
        {
            errors["replyTo"] = ["La dirección de respuesta no es válida."];
        }

        if (s.TrustedCertificateSha256 is { Length: > 0 } pin && (pin.Replace(":", "", StringComparison.Ordinal).Length != 64 || !pin.Replace(":", "", StringComparison.Ordinal).All(Uri.IsHexDigit)))
        {
            errors["trustedCertificateSha256"] = ["La huella del certificado debe ser un SHA-256 en hexadecimal (64 caracteres)."];
        }

        return errors;
    }
}
