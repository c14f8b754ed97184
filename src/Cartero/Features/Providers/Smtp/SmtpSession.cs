using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit.Security;

namespace Cartero.Features.Providers.Smtp;

/// <summary>
/// One SMTP connection, opened on the first send and reused for the following ones. After any failure the
/// connection is dropped, so the next send starts clean.
/// </summary>
internal sealed partial class SmtpSession(MailAccount account, TimeProvider time, OutboundHostPolicy hosts, SmtpOptions options, ILogger<SmtpSession> log) : IEmailProviderSession
{
    private RecipientTrackingSmtpClient? _client;
    private bool _certificateRejected;

    public async Task<SendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var (client, failure) = await ConnectOrFailAsync(cancellationToken);
        if (client is null)
        {
            return failure!;
        }

        try
        {
            var message = await MimeMessageFactory.CreateAsync(account, email, time.GetUtcNow(), cancellationToken);
            client.Rejected.Clear();
            client.ClearLastMessage();
            string response;
            // A retry after a partial delivery goes only to the recipients still pending; the headers name everyone.
            var envelope = email.Envelope is { Count: > 0 } pending
                ? pending.Select(a => new MimeKit.MailboxAddress(a.Name, a.Address)).ToList()
                : null;
            var recipients = envelope?.Count ?? message.To.Count + message.Cc.Count + message.Bcc.Count;
            try
            {
                // The envelope: the VERP return path when the account has one, and after a partial delivery only the
                // recipients still pending (the headers always name everyone).
                var sender = account.ReturnPath is { } returnPath
                    ? new MimeKit.MailboxAddress(null, ReturnPathAddress.For(returnPath, email.LogId))
                    : null;
                response = sender is null && envelope is null
                    ? await client.SendAsync(message, cancellationToken)
                    : await client.SendAsync(message, sender ?? message.From.Mailboxes.First(),
                        envelope ?? [.. message.To.Mailboxes, .. message.Cc.Mailboxes, .. message.Bcc.Mailboxes], cancellationToken);
            }
            catch (MailKit.Net.Smtp.SmtpCommandException) when (client.Rejected.Count > 0 && client.Rejected.Count == recipients)
            {
                // Every recipient was refused: the answer is theirs, not the DATA command's.
                await ResetAsync();
                return SmtpFailureClassifier.AllRecipientsRejected([.. client.Rejected]);
            }

            var rejected = client.Rejected.Count > 0 ? client.Rejected.ToList() : null;
            var detail = $"250 {response}".Trim();
            return SendResult.Accepted(detail, 250, QueueId(response), rejected, client.LastMessage);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ResetAsync();
            throw;
        }
        catch (AttachmentUnavailableException missing)
        {
            // The message was never handed to the server, so the connection is still good for the next email.
            return missing.ToResult();
        }
        catch (Exception ex)
        {
            var result = SmtpFailureClassifier.Classify(ex, _certificateRejected);
            LogFailure(log, account.Host ?? "", account.Port ?? 0, result.Outcome, result.Code);
            await ResetAsync();
            return result;
        }
    }

    /// <summary>Connect, greeting, EHLO, STARTTLS and AUTH, then NOOP on the (possibly kept-alive) connection; no message.</summary>
    public async Task<SendResult?> ProbeAsync(CancellationToken cancellationToken)
    {
        var (client, failure) = await ConnectOrFailAsync(cancellationToken);
        if (client is null)
        {
            return failure;
        }

        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(options.ConnectTimeout);
            await client.NoOpAsync(limit.Token);
            return SendResult.Accepted("250 NOOP", 250);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ResetAsync();
            throw;
        }
        catch (Exception ex)
        {
            var result = SmtpFailureClassifier.Unreachable(SmtpFailureClassifier.Classify(ex, _certificateRejected));
            await ResetAsync();
            return result;
        }
    }

    /// <summary>
    /// The connected client, or the classified failure of connecting. Nothing was handed to the server yet, so a
    /// network fault or a server that does not answer here is the account's problem, never the message's.
    /// </summary>
    private async Task<(RecipientTrackingSmtpClient? Client, SendResult? Failure)> ConnectOrFailAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await ConnectedClientAsync(cancellationToken), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ResetAsync();
            throw;
        }
        catch (Exception ex) when (IsTimeout(ex))
        {
            await ResetAsync();
            var result = new SendResult(SendOutcome.AccountFailure, null,
                $"El servidor SMTP {account.Host}:{account.Port} no terminó de responder al conectar (saludo, EHLO o autenticación) " +
                $"en {options.ConnectTimeout.TotalSeconds:0.#} s. Revise que el servidor esté en marcha y acepte conexiones.");
            LogFailure(log, account.Host ?? "", account.Port ?? 0, result.Outcome, result.Code);
            return (null, result);
        }
        catch (Exception ex)
        {
            var result = SmtpFailureClassifier.Unreachable(SmtpFailureClassifier.Classify(ex, _certificateRejected));
            LogFailure(log, account.Host ?? "", account.Port ?? 0, result.Outcome, result.Code);
            await ResetAsync();
            return (null, result);
        }
    }

    private static bool IsTimeout(Exception ex) =>
        ex is OperationCanceledException or TimeoutException ||
        ex.InnerException is TimeoutException or SocketException { SocketErrorCode: SocketError.TimedOut } ||
        ex is SocketException { SocketErrorCode: SocketError.TimedOut };

    private async Task<RecipientTrackingSmtpClient> ConnectedClientAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true })
        {
            return _client;
        }

        await ResetAsync();
        var host = account.Host ?? throw new InvalidOperationException("La cuenta SMTP no tiene servidor configurado.");
        var port = account.Port ?? (account.Security == SmtpSecurity.SslOnConnect ? 465 : 587);
        // The read timeout covers the greeting too; the token below bounds the whole connection setup.
        var client = new RecipientTrackingSmtpClient { Timeout = (int)options.ConnectTimeout.TotalMilliseconds };
        _certificateRejected = false;
        client.ServerCertificateValidationCallback = ValidateCertificate;

        // Nagle plus delayed ACK stalls every command of a kept-alive connection by ~40 ms.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.ConnectTimeout);
        try
        {
            var addresses = await hosts.ResolveAsync(host, limit.Token);
            await socket.ConnectAsync(addresses, port, limit.Token);
            await client.ConnectAsync(socket, host, port, Options(port), limit.Token);
            if (!string.IsNullOrEmpty(account.Username))
            {
                // "auto" falls back to a plain connection when the server offers no STARTTLS; the password must not follow it.
                if (!client.IsSecure && account.Security != SmtpSecurity.None)
                {
                    throw new InsecureAuthenticationRefusedException(
                        $"El servidor {host}:{port} no ofrece STARTTLS, y Cartero no envía la contraseña sin cifrar. " +
                        "Active TLS en el servidor, use el puerto 465 con SSL, o, solo para un servidor de su propia red, elija la seguridad «none».");
                }

                await client.AuthenticateAsync(account.Username, account.Password ?? "", limit.Token);
            }

            client.Timeout = (int)options.CommandTimeout.TotalMilliseconds;
        }
        catch
        {
            client.Dispose();
            socket.Dispose();
            throw;
        }

        _client = client;
        return client;
    }

    private SecureSocketOptions Options(int port) => account.Security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable,
    };

    private bool ValidateCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // The one explicit opt-in: the admin registered this exact certificate (a self-signed internal relay).
        if (certificate is not null && account.TrustedCertificateSha256 is { Length: 64 } trusted &&
            string.Equals(Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())), trusted, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        _certificateRejected = true;
        return false;
    }

    /// <summary>The queue id in answers like "2.0.0 Ok: queued as 4F2A91C3", when the server gives one.</summary>
    private static string? QueueId(string response)
    {
        const string marker = "queued as ";
        var i = response.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        return i < 0 ? null : response[(i + marker.Length)..].Trim().Split(' ')[0];
    }

    private async Task ResetAsync()
    {
        if (_client is null)
        {
            return;
        }

        try
        {
            if (_client.IsConnected)
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _client.DisconnectAsync(true, quick.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or MailKit.ServiceNotConnectedException or MailKit.Net.Smtp.SmtpProtocolException or MailKit.Net.Smtp.SmtpCommandException or SocketException)
        {
            // The connection is being thrown away; a failed QUIT changes nothing.
        }
        finally
        {
            _client.Dispose();
            _client = null;
        }
    }

    public async ValueTask DisposeAsync() => await ResetAsync();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Envío SMTP a {Host}:{Port} no aceptado: {Outcome} (código {Code})")]
    private static partial void LogFailure(ILogger logger, string host, int port, SendOutcome outcome, int? code);
}
