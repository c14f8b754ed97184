using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Cartero.Features.Providers;

/// <summary>
/// Turns what MailKit throws into a <see cref="SendResult"/> following DESIGN §3 "Failures": 4xx and network
/// faults are transient, 5xx for a recipient or the message is permanent, authentication, certificate and
/// sender rejections are account-wide.
/// </summary>
public static class SmtpFailureClassifier
{
    public static SendResult Classify(Exception exception, bool certificateRejected)
    {
        switch (exception)
        {
            case SmtpCommandException command:
                var code = (int)command.StatusCode;
                var text = $"{code} {command.Message}".Trim();
                if (code is >= 400 and < 500)
                {
                    return new SendResult(SendOutcome.Transient, code, text);
                }

                return command.ErrorCode switch
                {
                    SmtpErrorCode.SenderNotAccepted => new SendResult(SendOutcome.AccountFailure, code,
                        $"El servidor rechazó el remitente: {text}. Revise la dirección 'De' de la cuenta de envío."),
                    _ => new SendResult(SendOutcome.Permanent, code, text),
                };

            case OutboundHostRefusedException or InsecureAuthenticationRefusedException:
                return new SendResult(SendOutcome.AccountFailure, null, exception.Message);

            case AuthenticationException auth:
                return new SendResult(SendOutcome.AccountFailure, CodeIn(auth.Message) ?? 535,
                    $"El servidor rechazó la autenticación: {auth.Message}. Revise usuario y contraseña de la cuenta de envío.");

            case SslHandshakeException when certificateRejected:
                return new SendResult(SendOutcome.AccountFailure, null,
                    "El certificado TLS del servidor no es válido ni es el certificado de confianza configurado. " +
                    "Revise el servidor o registre la huella SHA-256 de su certificado autofirmado.");

            case SslHandshakeException tls:
                return new SendResult(SendOutcome.Transient, null, $"Se cortó la negociación TLS: {tls.Message}");

            case NotSupportedException unsupported:
                return new SendResult(SendOutcome.AccountFailure, null,
                    $"El servidor no admite lo que pide la configuración: {unsupported.Message}. Revise la seguridad (STARTTLS/SSL) y el puerto.");

            case ParseException parse:
                return new SendResult(SendOutcome.Permanent, null, $"Dirección de correo mal formada: {parse.Message}");

            case SocketException socket:
                return new SendResult(SendOutcome.Transient, null, $"No se pudo conectar con el servidor SMTP ({socket.SocketErrorCode}): {socket.Message}");

            case TimeoutException or OperationCanceledException:
                return new SendResult(SendOutcome.Transient, null, $"El servidor SMTP no respondió a tiempo: {exception.Message}");

            case SmtpProtocolException or ServiceNotConnectedException or IOException:
                return new SendResult(SendOutcome.Transient, null, $"Se perdió la conexión con el servidor SMTP: {exception.Message}");

            default:
                return new SendResult(SendOutcome.Transient, null, $"{exception.GetType().Name}: {exception.Message}");
        }
    }

    /// <summary>
    /// A failure while connecting (before any message was handed over) says nothing about the message: the account is
    /// unreachable, which pauses its queue without spending an attempt.
    /// </summary>
    public static SendResult Unreachable(SendResult connecting) =>
        connecting.Outcome == SendOutcome.AccountFailure
            ? connecting
            : connecting with { Outcome = SendOutcome.AccountFailure, Detail = $"No se pudo abrir la conexión con el servidor SMTP: {connecting.Detail}" };

    /// <summary>Classifies a message whose every recipient was refused: all 4xx is transient, any 5xx permanent.</summary>
    public static SendResult AllRecipientsRejected(IReadOnlyList<RecipientRejection> rejections)
    {
        var detail = string.Join("; ", rejections.Select(r => $"{r.Code} {r.Response} <{r.Address}>"));
        var worst = rejections.Max(r => r.Code);
        return rejections.All(r => r.Code is >= 400 and < 500)
            ? new SendResult(SendOutcome.Transient, worst, detail, RejectedRecipients: rejections)
            : new SendResult(SendOutcome.Permanent, rejections.First(r => r.Code >= 500).Code, detail, RejectedRecipients: rejections);
    }

    private static int? CodeIn(string message) =>
        message.Length >= 3 && int.TryParse(message.AsSpan(0, 3), out var code) && code is >= 400 and < 600 ? code : null;
}
