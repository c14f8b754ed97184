namespace Cartero.Features.Providers;

/// <summary>
/// The sender account the worker uses now, secrets decrypted. Until an account is configured this is the
/// pickup provider writing .eml files under <c>&lt;data dir&gt;/outbox</c>.
/// </summary>
public interface IMailAccountSource
{
    /// <summary>The current account; cheap to call per batch (implementations cache by settings version).</summary>
    ValueTask<MailAccount> GetCurrentAsync(CancellationToken cancellationToken);
}
