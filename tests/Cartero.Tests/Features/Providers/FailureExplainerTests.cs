using Cartero.Features.Providers;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Cartero.Tests.Features.Providers;

/// <summary>MailKit's English (and Cartero's stored) error texts get a Spanish explanation and a reason that names no address.</summary>
public sealed class FailureExplainerTests
{
    [Theory]
    [InlineData("550 5.1.1 <ana@correo.ec>: Recipient address rejected: User unknown", "buzon_inexistente 550 5.1.1", "no existe")]
    [InlineData("550 5.1.1 <luis@otro.ec>: Recipient address rejected", "buzon_inexistente 550 5.1.1", "no existe")]
    [InlineData("552 5.2.2 Mailbox full", "buzon_lleno 552 5.2.2", "lleno")]
    [InlineData("554 5.7.1 Message rejected as spam", "politica 554 5.7.1", "políticas")]
    [InlineData("451 4.7.1 Greylisted, try again later", "temporal 451 4.7.1", "más tarde")]
    [InlineData("421 Service not available", "servicio_no_disponible 421", "no está disponible")]
    [InlineData("El servidor rechazó la autenticación: 535: 5.7.8 Error: authentication failed", "autenticacion 535 5.7.8", "usuario o la contraseña")]
    [InlineData("El servidor rechazó el remitente: 550 5.7.1 Sender not allowed. Revise la dirección 'De' de la cuenta de envío.", "remitente_rechazado 550 5.7.1", "remitente")]
    [InlineData("No se pudo conectar con el servidor SMTP (ConnectionRefused): Connection refused 10.2.0.5:25", "conexion", "No se pudo conectar")]
    [InlineData("Algo que nadie previó", "otro", "no reconoce")]
    public void A_stored_error_gets_a_normalised_reason_and_a_spanish_sentence(string stored, string reason, string words)
    {
        var explained = FailureExplainer.Explain(null, stored);

        Assert.Equal(reason, explained.Reason);
        Assert.Contains(words, explained.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("@", explained.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MailKit_exceptions_are_explained_by_status_code_and_type()
    {
        var rejected = new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, "5.1.1 User unknown");
        Assert.Equal("buzon_inexistente 550 5.1.1", FailureExplainer.Explain(rejected).Reason);
        Assert.Equal("autenticacion 535", FailureExplainer.Explain(new AuthenticationException("Authentication failed")).Reason);
        Assert.Equal("tls", FailureExplainer.Explain(new SslHandshakeException("handshake failed")).Reason);
        Assert.Equal("conexion", FailureExplainer.Explain(new System.Net.Sockets.SocketException(111)).Reason);
        Assert.Equal("tiempo_agotado", FailureExplainer.Explain(new TimeoutException()).Reason);
    }
}
