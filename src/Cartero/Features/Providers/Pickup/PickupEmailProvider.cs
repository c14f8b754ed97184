using Cartero.Platform;

namespace Cartero.Features.Providers.Pickup;

/// <summary>
/// Writes each message as an <c>.eml</c> file (the default until a sender account is configured): nothing
/// leaves the machine, and every message can be opened with any mail program.
/// </summary>
public sealed class PickupEmailProvider(TimeProvider time) : IEmailProvider
{
    public string Kind => "pickup";

    public ValueTask<IEmailProviderSession> OpenSessionAsync(MailAccount account, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IEmailProviderSession>(new PickupSession(account, time));

    private sealed class PickupSession(MailAccount account, TimeProvider time) : IEmailProviderSession
    {
        public async Task<SendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
        {
            var folder = account.PickupDirectory;
            if (string.IsNullOrWhiteSpace(folder))
            {
                return new SendResult(SendOutcome.AccountFailure, null, "La cuenta de archivo .eml no tiene carpeta configurada. Configure la carpeta en la cuenta de envío.");
            }

            try
            {
                // The messages carry invoices and clinical documents: a 0700 folder and 0600 files.
                PrivateFiles.CreateDirectory(folder);
                var message = await MimeMessageFactory.CreateAsync(account, email, time.GetUtcNow(), cancellationToken);
                var final = Path.Combine(folder, $"{email.LogId}.eml");
                var temp = final + ".tmp";
                SentMessage sent;
                // The hash is taken in the same pass as the serialisation.
                using (var buffer = new HashingBuffer())
                {
                    if (email.Envelope is { Count: > 0 } pending)
                    {
                        // A retry after a partial delivery is for the recipients still pending only. The headers name
                        // everyone, so the envelope goes first as X-Sender / X-Receiver lines, the pickup folder's
                        // convention (IIS SMTP and the relays that read its folders deliver to these, not to the headers).
                        var sender = account.ReturnPath is { } returnPath ? ReturnPathAddress.For(returnPath, email.LogId) : account.From.Address;
                        var envelope = new System.Text.StringBuilder().Append("X-Sender: ").Append(sender).Append("\r\n");
                        foreach (var recipient in pending)
                        {
                            envelope.Append("X-Receiver: ").Append(recipient.Address).Append("\r\n");
                        }

                        buffer.Write(System.Text.Encoding.UTF8.GetBytes(envelope.ToString()));
                    }

                    await message.WriteToAsync(buffer, cancellationToken);
                    sent = buffer.ToSentMessage();
                }

                await using (var file = PrivateFiles.CreateFile(temp, FileMode.Create))
                {
                    await file.WriteAsync(sent.Mime, cancellationToken);
                }

                // The rename is atomic: a reader never sees half a message.
                File.Move(temp, final, overwrite: true);
                return SendResult.Accepted($"Guardado en {final}", providerMessageId: Path.GetFileName(final), sent: sent);
            }
            catch (AttachmentUnavailableException missing)
            {
                return missing.ToResult();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return new SendResult(SendOutcome.AccountFailure, null, $"No se pudo escribir en la carpeta {folder}: {ex.Message}");
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
