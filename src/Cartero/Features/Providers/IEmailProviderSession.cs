namespace Cartero.Features.Providers;

/// <summary>A provider connection that sends messages one after another and is disposed when the slot stops or the account changes.</summary>
public interface IEmailProviderSession : IAsyncDisposable
{
    /// <summary>
    /// Sends one message and classifies the answer. Never throws for a provider's answer or a network fault;
    /// only <see cref="OperationCanceledException"/> escapes when <paramref name="cancellationToken"/> fires.
    /// </summary>
    Task<SendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}
