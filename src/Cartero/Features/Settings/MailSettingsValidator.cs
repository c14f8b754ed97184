using Cartero.Features.Providers;
using Cartero.Features.Providers.SendGrid;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;

namespace Cartero.Features.Settings;

/// <summary>Field-by-field checks of a settings change, with Spanish messages, before anything is saved.</summary>
public static class MailSettingsValidator
{
    public static readonly string[] Providers = ["smtp", "sendgrid", "pickup"];
    public static readonly string[] Securities = ["auto", "none", "starttls", "sslonconnect"];

    public static Dictionary<string, string[]> Validate(MailSettingsUpdate s, MailAccountSettings? stored, OutboundHostPolicy hosts)
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
            else if (hosts.RefusalForName(s.Host) is { } refusal)
            {
                errors["host"] = [refusal];
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
            else if (hasUser && s.Password is null && stored is not null && SmtpDestinationChanged(s, stored))
            {
                errors["password"] = ["Vuelva a escribir la contraseña: cambió el servidor, el puerto, la seguridad, el usuario o el certificado de confianza, y la contraseña guardada solo se envía al servidor para el que se escribió."];
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
            else if (s.ApiKey is null && stored is not null && SendGridDestinationChanged(s, stored))
            {
                errors["apiKey"] = ["Vuelva a escribir la clave de API: cambió el proveedor o la URL de SendGrid, y la clave guardada solo se envía a la URL para la que se escribió."];
            }

            if (s.SendGridBaseUrl is { Length: > 0 } url)
            {
                if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo))
                {
                    errors["sendGridBaseUrl"] = ["La URL de SendGrid debe ser absoluta (https://…), sin usuario ni contraseña."];
                }
                else if (hosts.RefusalForName(uri.Host) is { } refusal)
                {
                    errors["sendGridBaseUrl"] = [refusal];
                }
                else if (uri.Scheme == "http" && !(hosts.AllowPrivateNetworks && IsLocalLiteral(uri.Host)))
                {
                    errors["sendGridBaseUrl"] = ["La URL de SendGrid debe usar https: la clave de API no viaja sin cifrar."];
                }
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

        if (s.BounceMailbox is { } bounce)
        {
            ValidateBounceMailbox(bounce, stored, hosts, errors);
        }

        return errors;
    }

    private static void ValidateBounceMailbox(BounceMailboxUpdate b, MailAccountSettings? stored, OutboundHostPolicy hosts, Dictionary<string, string[]> errors)
    {
        const string prefix = "bounceMailbox.";
        if (string.IsNullOrWhiteSpace(b.Host))
        {
            if (b.Enabled)
            {
                errors[prefix + "host"] = ["Indique el servidor IMAP del buzón de rebotes (por ejemplo imap.optica.ec)."];
            }
        }
        else if (b.Host.Contains("://", StringComparison.Ordinal) || b.Host.Any(char.IsWhiteSpace) || b.Host.Length > 255)
        {
            errors[prefix + "host"] = ["Indique solo el nombre o la IP del servidor IMAP, sin 'imap://' ni espacios."];
        }
        else if (hosts.RefusalForName(b.Host) is { } refusal)
        {
            errors[prefix + "host"] = [refusal];
        }

        if (b.Port is not null and (< 1 or > 65535))
        {
            errors[prefix + "port"] = ["El puerto debe estar entre 1 y 65535 (habitual: 993 con SSL, 143 con STARTTLS)."];
        }

        if (b.Security is not null && !Securities.Contains(b.Security.Trim().ToLowerInvariant()))
        {
            errors[prefix + "security"] = ["Seguridad desconocida: use auto, none, starttls o sslonconnect."];
        }

        var hasUser = !string.IsNullOrWhiteSpace(b.Username);
        var hasPassword = b.Password is { Length: > 0 } || (b.Password is null && stored?.BouncePasswordEncrypted is not null);
        if (b.Enabled && !hasUser)
        {
            errors[prefix + "username"] = ["Indique el usuario del buzón de rebotes."];
        }
        else if (!hasUser && b.Password is { Length: > 0 })
        {
            errors[prefix + "username"] = ["Indique el usuario al que pertenece la contraseña del buzón de rebotes."];
        }

        if (hasUser && !hasPassword)
        {
            errors[prefix + "password"] = ["Indique la contraseña del buzón de rebotes."];
        }
        else if (hasUser && b.Password is null && stored?.BouncePasswordEncrypted is not null && BounceDestinationChanged(b, stored))
        {
            errors[prefix + "password"] = ["Vuelva a escribir la contraseña del buzón de rebotes: cambió el servidor, el puerto, la seguridad o el usuario, y la contraseña guardada solo se envía al servidor para el que se escribió."];
        }

        if (b.Folder is { } folder && (folder.Length > 255 || folder.Any(char.IsControl) || folder.Contains('*') || folder.Contains('%')))
        {
            errors[prefix + "folder"] = ["La carpeta admite hasta 255 caracteres, sin '*', '%' ni saltos de línea (habitual: INBOX)."];
        }

        if (Blank(b.ReturnPath) is { } returnPath)
        {
            if (!EmailRequestValidator.IsValidAddress(returnPath) || returnPath.Length > 280)
            {
                errors[prefix + "returnPath"] = ["La dirección de retorno no es válida (por ejemplo rebotes@optica.ec)."];
            }
            else if (returnPath[..returnPath.LastIndexOf('@')].Contains('+'))
            {
                errors[prefix + "returnPath"] = ["Escriba la dirección de retorno sin '+': Cartero añade '+<id>' a cada correo (rebotes@optica.ec sale como rebotes+<id>@optica.ec)."];
            }
        }
    }

    private static bool BounceDestinationChanged(BounceMailboxUpdate b, MailAccountSettings stored) =>
        !string.Equals(Blank(b.Host), stored.BounceHost, StringComparison.OrdinalIgnoreCase)
        || b.Port != stored.BouncePort
        || SecurityOf(b.Security) != stored.BounceSecurity
        || !string.Equals(Blank(b.Username), stored.BounceUsername, StringComparison.Ordinal);

    /// <summary>Whether the stored password would go somewhere other than where it was typed for.</summary>
    private static bool SmtpDestinationChanged(MailSettingsUpdate s, MailAccountSettings stored) =>
        stored.Provider != "smtp"
        || !string.Equals(Blank(s.Host), stored.Host, StringComparison.OrdinalIgnoreCase)
        || s.Port != stored.Port
        || SecurityOf(s.Security) != stored.Security
        || !string.Equals(Blank(s.Username), stored.Username, StringComparison.Ordinal)
        || Pin(s.TrustedCertificateSha256) != stored.TrustedCertificateSha256;

    private static bool SendGridDestinationChanged(MailSettingsUpdate s, MailAccountSettings stored) =>
        stored.Provider != "sendgrid" || !string.Equals(BaseUrl(s.SendGridBaseUrl), BaseUrl(stored.SendGridBaseUrl), StringComparison.OrdinalIgnoreCase);

    private static string BaseUrl(string? url) => (Blank(url) ?? SendGridEmailProvider.DefaultBaseUrl).TrimEnd('/');

    /// <summary>The certificate fingerprint as stored: lower-case hex without colons. Saving and comparing use the same rule.</summary>
    internal static string? Pin(string? pin) => Blank(pin)?.Replace(":", "", StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>The security mode as stored; blank means <c>auto</c>.</summary>
    internal static string SecurityOf(string? security) => Blank(security)?.ToLowerInvariant() ?? "auto";

    private static bool IsLocalLiteral(string host) =>
        host is "localhost" || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
