namespace Cartero.Features.Providers;

/// <summary>
/// A way of handing mail to the outside world (SMTP server, SendGrid API, a folder of .eml files).
/// Implementations are registered once and chosen by <see cref="Kind"/>, which matches
/// <see cref="MailAccount.Provider"/>.
/// </summary>
/// <remarks>
/// A worker slot opens one <see cref="IEmailProviderSession"/> and sends many messages through it, so an
/// SMTP provider can keep its connection alive. Sessions are not thread-safe; use one per slot.
/// </remarks>
public interface IEmailProvider
{
    /// <summary>The provider code stored in <c>log_envio_correo.proveedor</c>: <c>smtp</c>, <c>sendgrid</c> or <c>pickup</c>.</summary>
    string Kind { get; }

    /// <summary>
    /// Opens a session for <paramref name="account"/>. Must not throw for connection problems: those are
    /// reported by the <see cref="SendResult"/> of the first send, so they are classified in one place.
    /// </summary>
    ValueTask<IEmailProviderSession> OpenSessionAsync(MailAccount account, CancellationToken cancellationToken);
}
