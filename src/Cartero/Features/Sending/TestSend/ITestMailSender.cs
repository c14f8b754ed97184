using Cartero.Features.Providers;
using Cartero.Platform.Auth;

namespace Cartero.Features.Sending.TestSend;

/// <summary>Sends a <c>prueba</c> email at once, outside the queue, and logs it like any other send.</summary>
public interface ITestMailSender
{
    /// <summary>
    /// Sends to <paramref name="toAddress"/> with the current account (or <paramref name="account"/> when given, to
    /// try settings before saving them) and returns the log id with the provider's exact answer.
    /// </summary>
    Task<TestMailResult> SendTestAsync(string toAddress, RequestActor actor, MailAccount? account, CancellationToken cancellationToken);
}
