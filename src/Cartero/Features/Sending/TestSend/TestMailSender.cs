using System.Diagnostics;
using System.Text.Json.Nodes;
using Cartero.Features.Providers;
using Cartero.Features.Sending.Archive;
using Cartero.Features.Sending.Enqueue;
using Cartero.Features.Sending.Worker;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;

namespace Cartero.Features.Sending.TestSend;

/// <summary>
/// The connection test of the settings page: a <c>prueba</c> email in the log like any other, stored already
/// reserved by the test (<c>enviando</c> with a lease, so no worker ever claims it) and sent at once through a fresh
/// session. A test is never retried later and never opens the account's circuit: its purpose is to show the
/// provider's answer now. If the process dies mid-test, a worker closes the row as <c>fallido</c> once the lease expires.
/// </summary>
public sealed class TestMailSender(
    EmailEnqueuer enqueuer,
    CarteroDbContext db,
    IMailAccountSource accounts,
    EmailProviderRegistry providers,
    EmailTransitionWriter writer,
    SendAttemptRecorder recorder,
    OutgoingEmailFactory outgoing,
    SentMessageArchive archive) : ITestMailSender
{
    /// <summary>The <c>tipo_correo</c> of a connection test.</summary>
    public const string Type = "prueba";

    public async Task<TestMailResult> SendTestAsync(string toAddress, RequestActor actor, MailAccount? account, CancellationToken cancellationToken)
    {
        account ??= await accounts.GetCurrentAsync(cancellationToken);
        var owner = $"prueba:{actor.Name}:{Guid.NewGuid().ToString("N")[..6]}";
        var entry = await enqueuer.EnqueueClaimedAsync(
            new EnqueueEmailRequest
            {
                Type = Type,
                To = new EmailRecipient(toAddress, Kind: "externo"),
                Data = new JsonObject
                {
                    ["proveedor"] = account.Provider,
                    ["remitente"] = account.From.Address,
                    ["solicitado_por"] = actor.Name,
                },
            },
            actor,
            EmailOrigin.Manual,
            owner,
            "Prueba de envío inmediata",
            cancellationToken);

        var started = Stopwatch.GetTimestamp();
        SendResult result;
        await using (var session = await providers.Get(account.Provider).OpenSessionAsync(account, cancellationToken))
        {
            result = await session.SendAsync(outgoing.Create(entry), cancellationToken);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        await archive.KeepAsync(entry.Id, result, CancellationToken.None);
        var status = recorder.Record(entry, result, account.Provider, elapsed, owner, retryTransient: false);
        // Recorded even if the request was cancelled meanwhile: the provider's answer must not be lost.
        await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await writer.SaveAsync(db, [entry], CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
        return new TestMailResult(entry.Id, status.ToCode(), result);
    }
}
