using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Cartero.Features.Providers;

/// <summary>
/// Maps what a provider answered (SMTP reply code, enhanced status code, MailKit's exception type, or the stored
/// error text that carries them) to a Spanish sentence saying what to do next. MailKit's English text is never
/// replaced: pages and exports show it with this explanation beside it.
/// </summary>
public static partial class FailureExplainer
{
    private const string Later = "Cartero lo reintenta solo; si sigue fallando durante horas, avise a soporte.";

    /// <summary>Explains an exception MailKit (or the socket under it) threw.</summary>
    public static FailureExplanation Explain(Exception exception) => exception switch
    {
        SmtpCommandException command => Explain((int)command.StatusCode, command.Message),
        AuthenticationException auth => Explain(535, auth.Message),
        SslHandshakeException => Tls(),
        SocketException => Connection(),
        TimeoutException or OperationCanceledException => Timeout(),
        SmtpProtocolException or ServiceNotConnectedException or IOException => Dropped(),
        _ => Explain(null, exception.Message),
    };

    /// <summary>Explains a reply code and/or the error text stored in the send log (<c>mensaje_error</c>).</summary>
    public static FailureExplanation Explain(int? code, string? text)
    {
        text ??= "";
        code ??= LeadingCode(text);
        var enhanced = EnhancedCode().Match(text) is { Success: true } m ? m.Value : null;
        var lower = text.ToLowerInvariant();
        var id = code is null ? enhanced : enhanced is null ? code.Value.ToString(CultureInfo.InvariantCulture) : $"{code} {enhanced}";
        var shown = id;
        FailureExplanation Of(string what, string explanation) => new(shown is null ? what : $"{what} {shown}", explanation, shown);

        if (code is null && enhanced is null)
        {
            if (lower.Contains("certificado") || lower.Contains("tls") || lower.Contains("ssl"))
            {
                return Tls();
            }

            if (lower.Contains("no respondió a tiempo") || lower.Contains("timed out") || lower.Contains("timeout"))
            {
                return Timeout();
            }

            if (lower.Contains("no se pudo conectar") || lower.Contains("connection refused") || lower.Contains("no se pudo abrir la conexión"))
            {
                return Connection();
            }

            if (lower.Contains("se perdió la conexión") || lower.Contains("disconnected"))
            {
                return Dropped();
            }

            if (lower.Contains("autenticación"))
            {
                return Of("autenticacion", "El servidor rechazó el usuario o la contraseña de la cuenta de envío: revíselos en «Cuenta de envío».");
            }

            if (lower.Contains("mal formada"))
            {
                return new("direccion_mal_formada", "La dirección de correo está mal escrita: corríjala (por ejemplo, sin espacios y con una sola @).", null);
            }

            if (lower.Contains("suprimida") || lower.Contains("supresión"))
            {
                return new("suprimida", "La dirección está en la lista de supresión porque rebotó antes o pidió no recibir correo: confirme la dirección con la persona antes de quitarla de la lista.", null);
            }

            return new("otro", "Cartero no reconoce esta respuesta: el texto técnico está al lado; si se repite, avise a soporte con ese texto.", null);
        }

        if (lower.Contains("remitente"))
        {
            return Of("remitente_rechazado", "El servidor no acepta la dirección remitente de la cuenta de envío: revise «Remitente» en «Cuenta de envío» (debe ser una dirección que la cuenta puede usar).");
        }

        if (code is 535 or 534 || enhanced is "5.7.8" or "5.7.9")
        {
            return Of("autenticacion", "El servidor rechazó el usuario o la contraseña de la cuenta de envío: revíselos en «Cuenta de envío».");
        }

        if (code == 530 || enhanced == "5.7.0" && lower.Contains("auth"))
        {
            return Of("autenticacion_requerida", "El servidor exige iniciar sesión antes de enviar: configure usuario y contraseña en «Cuenta de envío».");
        }

        if (enhanced is "5.1.1" or "5.1.10" || code == 550 && (lower.Contains("user unknown") || lower.Contains("no such user") || lower.Contains("does not exist") || lower.Contains("unknown user")))
        {
            return Of("buzon_inexistente", "El buzón del destinatario no existe: confirme la dirección con la persona y corríjala.");
        }

        if (enhanced is "5.1.2")
        {
            return Of("dominio_inexistente", "El dominio de la dirección no existe o no recibe correo: revise lo que va después de la @.");
        }

        if (enhanced is "5.2.2" or "4.2.2" || lower.Contains("quota") || lower.Contains("mailbox full"))
        {
            return Of("buzon_lleno", "El buzón del destinatario está lleno: pida a la persona que libere espacio o use otra dirección, y reintente.");
        }

        if (enhanced is "5.3.4" || code == 552 && (lower.Contains("size") || lower.Contains("too large") || lower.Contains("big")))
        {
            return Of("mensaje_grande", "El mensaje es demasiado grande para el servidor del destinatario: reduzca o comprima los adjuntos.");
        }

        if (enhanced is { } e7 && e7.StartsWith("5.7.", StringComparison.Ordinal) || code == 554 || lower.Contains("spam") || lower.Contains("blocked") || lower.Contains("spf") || lower.Contains("dmarc"))
        {
            return Of("politica", "El servidor del destinatario rechazó el correo por sus políticas (spam, SPF/DKIM/DMARC o lista de bloqueo): pida a soporte revisar la configuración del dominio remitente.");
        }

        if (code == 553 || enhanced is { } e1 && e1.StartsWith("5.1.", StringComparison.Ordinal))
        {
            return Of("direccion_rechazada", "El servidor no acepta esa dirección: revise que esté bien escrita y que la persona la use.");
        }

        if (code is 401 or 403)
        {
            return Of("clave_api", "El proveedor rechazó la clave de API o sus permisos: revise la clave en «Cuenta de envío».");
        }

        if (code == 421)
        {
            return Of("servicio_no_disponible", $"El servidor no está disponible por ahora. {Later}");
        }

        if (code is >= 400 and < 500 || enhanced is { } e4 && e4.StartsWith("4.", StringComparison.Ordinal))
        {
            return Of("temporal", $"El servidor pidió intentar más tarde (fallo temporal). {Later}");
        }

        if (code is >= 500 and < 600)
        {
            return Of("rechazo_permanente", "El servidor rechazó el correo de forma definitiva: revise la dirección; si es correcta, avise a soporte con el texto técnico.");
        }

        return Of("otro", "Cartero no reconoce esta respuesta: el texto técnico está al lado; si se repite, avise a soporte con ese texto.");
    }

    private static FailureExplanation Tls() =>
        new("tls", "No se pudo establecer una conexión segura (TLS): revise la seguridad y el puerto de la cuenta de envío, o registre la huella del certificado autofirmado.", null);

    private static FailureExplanation Connection() =>
        new("conexion", "No se pudo conectar con el servidor de correo: revise servidor y puerto, y que el servidor esté en línea. " + Later, null);

    private static FailureExplanation Timeout() =>
        new("tiempo_agotado", "El servidor de correo no respondió a tiempo. " + Later, null);

    private static FailureExplanation Dropped() =>
        new("conexion_perdida", "Se cortó la conexión con el servidor de correo a mitad del envío. " + Later, null);

    private static int? LeadingCode(string text) =>
        LeadingReply().Match(text) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    // At the start (the provider's reply) or after "…: " (Cartero's own sentence quoting the reply), never inside a port.
    [GeneratedRegex(@"(?:^\s*|:\s+)([2-5]\d\d)(?=[\s\-:]|$)")]
    private static partial Regex LeadingReply();

    // Not a piece of an IP address.
    [GeneratedRegex(@"(?<![\d.])[245]\.\d{1,3}\.\d{1,3}(?!\.?\d)")]
    private static partial Regex EnhancedCode();
}
