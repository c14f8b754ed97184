namespace Cartero.Features.Providers;

/// <summary>A provider connection that sends messages one after another and is disposed when the slot stops or the account changes.</summary>
public interface IEmailProviderSession : IAsyncDisposable
{
    /// <summary>
    /// Sends one message and classifies the answer. Never throws for a provider's answer or a network fault;
    /// only <see cref="OperationCanceledException"/> escapes when <paramref name="cancellationToken"/> fires.
    /// </summary>
    Task<SendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken);

    /// <summary>
    /// Checks that the account can take mail without sending any (SMTP: connect, greeting, EHLO, AUTH, NOOP), for the
    /// circuit of a paused account. Returns null when the provider has no such check; the next real send is then the
    /// probe (an account-wide failure still spends no attempt). Never throws except for cancellation.
    /// </summary>
    Task<SendResult?> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult<SendResult?>(null);
}
