using System.Net.Sockets;
using Cartero.Features.Providers;
using Cartero.Features.Sending;
using Cartero.Features.Settings;
using Cartero.Platform.Data;
using Cartero.Platform.Secrets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Cartero.Features.Tracking.Bounces;

/// <summary>
/// One pass over the bounce mailbox: read each message, hand what it says to the tracking feature, and move it to
/// <c>Cartero/Procesados</c> or <c>Cartero/SinCoincidencia</c>. Nothing is deleted; a message the database could not
/// take stays where it is for the next pass. One pass at a time in this process, and on PostgreSQL one in the cluster.
/// </summary>
public sealed partial class BounceMailboxReader(
    IServiceScopeFactory scopes, ISecretProtector secrets, OutboundHostPolicy hosts, IOptions<SendingOptions> sending,
    IOptions<BounceMailboxOptions> options, TimeProvider time, ILogger<BounceMailboxReader> log)
{
    // Session-level advisory lock: held for the whole pass on its own connection, released at the end or when the connection drops.
    internal const long MailboxLock = 0x4361727465726f10;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<BounceRunResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CarteroDbContext>();
            var settings = await db.MailSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == MailAccountSettings.SingletonId, cancellationToken);
            if (settings is not { BounceEnabled: true, BounceHost: not null, BounceUsername: not null })
            {
                return BounceRunResult.NotRun("El buzón de rebotes no está activado.");
            }

            await using var instance = await InstanceLock.TryAcquireAsync(db, MailboxLock, cancellationToken);
            if (instance is null)
            {
                return BounceRunResult.NotRun("Otra instancia está leyendo el buzón de rebotes.");
            }

            BounceRunResult result;
            try
            {
                result = await ReadAsync(settings, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var error = Describe(ex, settings);
                LogRunFailed(log, ex, settings.BounceHost, error);
                result = new BounceRunResult(true, 0, 0, 0, 0, 0, 0, error);
            }

            await RecordAsync(result, cancellationToken);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The last pass as stored (shared by every instance), or null before the first one.</summary>
    public async Task<BounceMailboxStatus?> StatusAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CarteroDbContext>();
        return await db.BounceMailboxStatus.AsNoTracking().FirstOrDefaultAsync(s => s.Id == BounceMailboxStatus.SingletonId, cancellationToken);
    }

    private async Task<BounceRunResult> ReadAsync(MailAccountSettings settings, CancellationToken cancellationToken)
    {
        var parser = new BounceParser(sending.Value.MessageIdDomain);
        using var client = new ImapClient { Timeout = (int)CommandTimeout.TotalMilliseconds };
        await ConnectAsync(client, settings, cancellationToken);
        var inbox = string.Equals(settings.BounceFolder ?? BounceMailboxDefaults.Folder, "INBOX", StringComparison.OrdinalIgnoreCase)
            ? client.Inbox
            : await client.GetFolderAsync(settings.BounceFolder!, cancellationToken);
        await inbox.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        var processed = await EnsureFolderAsync(client, BounceFolders.Processed, cancellationToken);
        var unmatched = await EnsureFolderAsync(client, BounceFolders.Unmatched, cancellationToken);

        int read = 0, hard = 0, soft = 0, auto = 0, none = 0, deferred = 0;
        string? lastError = null;
        var uids = await inbox.SearchAsync(SearchQuery.All, cancellationToken);
        foreach (var uid in uids.Take(Math.Max(1, options.Value.BatchSize)))
        {
            read++;
            var (fetched, report) = await ParseAsync(inbox, uid, parser, settings.ReturnPath, cancellationToken);
            if (!fetched)
            {
                deferred++;
                continue;
            }

            BounceApplyOutcome outcome;
            try
            {
                // A scope per message: one report's failure leaves nothing behind for the next.
                await using var messageScope = scopes.CreateAsyncScope();
                outcome = report is { EmailId: not null, Kind: not BounceKind.Unrecognized }
                    ? await messageScope.ServiceProvider.GetRequiredService<IBounceApplier>().ApplyAsync(report, cancellationToken)
                    : BounceApplyOutcome.NoMatch;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The report is fine but could not be recorded (e.g. the database is down): keep the message for the next pass.
                LogApplyFailed(log, ex, uid.Id);
                lastError = $"No se pudo registrar un aviso del buzón de rebotes ({ex.GetType().Name}); el mensaje sigue en la carpeta y se reintentará en la próxima revisión.";
                deferred++;
                continue;
            }

            var matched = outcome == BounceApplyOutcome.Applied;
            if (matched)
            {
                switch (report!.Kind)
                {
                    case BounceKind.Hard: hard++; break;
                    case BounceKind.Soft: soft++; break;
                    case BounceKind.AutoReply: auto++; break;
                }
            }
            else
            {
                none++;
            }

            await inbox.MoveToAsync(uid, matched ? processed : unmatched, cancellationToken);
        }

        await client.DisconnectAsync(true, cancellationToken);
        return new BounceRunResult(true, read, hard, soft, auto, none, deferred, lastError);
    }

    /// <summary>
    /// The report a message makes; Report is null when the bytes are not even MIME (the message then counts as unmatched),
    /// Fetched is false when the server would not hand the message over (it stays for the next pass).
    /// </summary>
    private async Task<(bool Fetched, BounceReport? Report)> ParseAsync(IMailFolder inbox, UniqueId uid, BounceParser parser, string? returnPath, CancellationToken cancellationToken)
    {
        Stream raw;
        try
        {
            // The raw bytes, parsed here: MailKit's own parse of a broken message would fail the FETCH itself.
            raw = await inbox.GetStreamAsync(uid, cancellationToken);
        }
        catch (Exception ex) when (ex is ImapCommandException or MessageNotFoundException)
        {
            LogFetchFailed(log, ex, uid.Id);
            return (false, null);
        }

        await using (raw)
        {
            try
            {
                var message = await MimeMessage.LoadAsync(raw, cancellationToken);
                return (true, parser.Parse(message, returnPath));
            }
            catch (Exception ex) when (ex is FormatException or ParseException or ArgumentException or InvalidOperationException)
            {
                LogMalformed(log, ex, uid.Id);
                return (true, null);
            }
        }
    }

    private async Task ConnectAsync(ImapClient client, MailAccountSettings settings, CancellationToken cancellationToken)
    {
        var host = settings.BounceHost!;
        var security = settings.BounceSecurity;
        var port = settings.BouncePort ?? (security is "none" or "starttls" ? 143 : 993);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            var addresses = await hosts.ResolveAsync(host, cancellationToken);
            await socket.ConnectAsync(addresses, port, cancellationToken);
            var secureOptions = security switch
            {
                "none" => SecureSocketOptions.None,
                "starttls" => SecureSocketOptions.StartTls,
                "sslonconnect" => SecureSocketOptions.SslOnConnect,
                _ => port == 993 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable,
            };
            await client.ConnectAsync(socket, host, port, secureOptions, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        // "auto" falls back to a plain connection when the server offers no STARTTLS; the password must not follow it.
        if (!client.IsSecure && security != "none")
        {
            throw new InsecureAuthenticationRefusedException(
                $"El servidor IMAP {host}:{port} no ofrece TLS, y Cartero no envía la contraseña sin cifrar. " +
                "Active TLS en el servidor, use el puerto 993 con SSL, o, solo para un servidor de su propia red, elija la seguridad «none».");
        }

        var password = settings.BouncePasswordEncrypted is null ? "" : secrets.Unprotect(settings.BouncePasswordEncrypted, MailSecretColumns.BouncePassword.Purpose(settings));
        await client.AuthenticateAsync(settings.BounceUsername!, password, cancellationToken);
    }

    /// <summary><c>Cartero/&lt;name&gt;</c> under the personal namespace, created when missing, with the server's own separator.</summary>
    private static async Task<IMailFolder> EnsureFolderAsync(ImapClient client, string name, CancellationToken cancellationToken)
    {
        var personal = client.PersonalNamespaces.Count > 0 ? client.PersonalNamespaces[0] : new FolderNamespace('/', "");
        var top = client.GetFolder(personal);
        var root = await SubfolderAsync(top, BounceFolders.Root, cancellationToken) ?? await top.CreateAsync(BounceFolders.Root, false, cancellationToken)
            ?? throw new ImapProtocolException($"El servidor IMAP no creó la carpeta {BounceFolders.Root}.");
        return await SubfolderAsync(root, name, cancellationToken) ?? await root.CreateAsync(name, true, cancellationToken)
            ?? throw new ImapProtocolException($"El servidor IMAP no creó la carpeta {BounceFolders.Root}/{name}.");
    }

    private static async Task<IMailFolder?> SubfolderAsync(IMailFolder parent, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await parent.GetSubfolderAsync(name, cancellationToken);
        }
        catch (FolderNotFoundException)
        {
            return null;
        }
    }

    private async Task RecordAsync(BounceRunResult result, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CarteroDbContext>();
        var row = await db.Set<BounceMailboxStatus>().FirstOrDefaultAsync(s => s.Id == BounceMailboxStatus.SingletonId, cancellationToken);
        if (row is null)
        {
            row = new BounceMailboxStatus();
            db.Add(row);
        }

        var now = time.GetUtcNow().UtcDateTime;
        row.LastRunAt = now;
        row.LastRunSucceeded = result.Error is null;
        row.Read = result.Read;
        row.HardBounces = result.HardBounces;
        row.SoftBounces = result.SoftBounces;
        row.AutoReplies = result.AutoReplies;
        row.Unmatched = result.Unmatched;
        row.Deferred = result.Deferred;
        if (result.Error is not null)
        {
            row.LastError = result.Error.Length > 2000 ? result.Error[..2000] : result.Error;
            row.LastErrorAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A Spanish account of a failed pass that says what to do; never the password, never the server's raw banner.</summary>
    private static string Describe(Exception ex, MailAccountSettings s) => ex switch
    {
        AuthenticationException => $"El servidor IMAP {s.BounceHost} rechazó el usuario o la contraseña del buzón de rebotes. Revise el usuario y vuelva a escribir la contraseña en Configuración → Correo.",
        InsecureAuthenticationRefusedException or OutboundHostRefusedException => ex.Message,
        SslHandshakeException => $"No se pudo establecer TLS con {s.BounceHost}: el certificado no es válido o el servidor no habla TLS en ese puerto. Revise el puerto y la seguridad.",
        SocketException or TimeoutException or IOException => $"No se pudo conectar con el servidor IMAP {s.BounceHost}:{s.BouncePort}. Revise el servidor, el puerto y la red; se reintentará en la próxima revisión.",
        FolderNotFoundException => $"La carpeta «{s.BounceFolder}» no existe en el buzón de rebotes. Escriba el nombre exacto (habitual: INBOX).",
        ImapCommandException command => $"El servidor IMAP {s.BounceHost} rechazó una orden ({command.Response}: {Trim(command.ResponseText)}). Revise que el usuario pueda leer la carpeta y crear las carpetas Cartero/Procesados y Cartero/SinCoincidencia; se reintentará en la próxima revisión.",
        ImapProtocolException => $"El servidor IMAP {s.BounceHost} respondió algo que no sigue el protocolo IMAP. Revise el puerto y la seguridad; se reintentará en la próxima revisión.",
        _ => $"La revisión del buzón de rebotes falló ({ex.GetType().Name}); se reintentará en la próxima revisión. El registro del servidor tiene el detalle.",
    };

    private static string Trim(string? text) => text is null ? "" : text.Length > 300 ? text[..300] : text;

    [LoggerMessage(Level = LogLevel.Warning, Message = "La revisión del buzón de rebotes en {Host} falló: {Error}")]
    private static partial void LogRunFailed(ILogger logger, Exception ex, string? host, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No se pudo registrar el aviso del mensaje {Uid} del buzón de rebotes; queda para la próxima revisión.")]
    private static partial void LogApplyFailed(ILogger logger, Exception ex, uint uid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "El servidor IMAP no entregó el mensaje {Uid} del buzón de rebotes; queda para la próxima revisión.")]
    private static partial void LogFetchFailed(ILogger logger, Exception ex, uint uid);

    [LoggerMessage(Level = LogLevel.Information, Message = "El mensaje {Uid} del buzón de rebotes no se puede leer como correo; va a SinCoincidencia.")]
    private static partial void LogMalformed(ILogger logger, Exception ex, uint uid);
}
