using System.Diagnostics;
using System.Text.Json.Nodes;
using Cartero.Features.Providers;
using Cartero.Features.Settings;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;

namespace Cartero.Features.Sending;

/// <summary>
/// The connection test of the settings page: a <c>prueba</c> email enqueued like any other (so it is in the
/// log), then sent at once through a fresh session. A test is never retried later and never opens the
/// account's circuit: its purpose is to show the provider's answer now.
/// </summary>
public sealed class TestMailSender(
    EmailEnqueuer enqueuer,
    CarteroDbContext db,
    IMailAccountSource accounts,
    EmailProviderRegistry providers,
    EmailStateMachine stateMachine,
    SendAttemptRecorder recorder,
    OutgoingEmailFactory outgoing) : ITestMailSender
{
    public async Task<TestMailResult> SendTestAsync(string toAddress, RequestActor actor, MailAccount? account, CancellationToken cancellationToken)
    {
        account ??= await accounts.GetCurrentAsync(cancellationToken);
        var (entry, _) = await enqueuer.EnqueueAsync(
            new EnqueueEmailRequest
            {
                Type = "prueba",
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
            cancellationToken);

        // Take it out of the queue before a worker can: the test answers with this very attempt.
        var tracked = await db.Emails.FindAsync([entry.Id], cancellationToken)
            ?? throw new InvalidOperationException($"El correo de prueba {entry.Id} no se encontró tras encolarlo.");
        await db.Entry(tracked).Reference(e => e.Content).LoadAsync(cancellationToken);
        var owner = $"prueba:{actor.Name}";
        stateMachine.Transition(tracked, EmailStatus.Enviando, new TransitionDetail("Prueba de envío inmediata", Actor: owner));
        await db.SaveChangesAsync(cancellationToken);

        var started = Stopwatch.GetTimestamp();
        SendResult result;
        await using (var session = await providers.Get(account.Provider).OpenSessionAsync(account, cancellationToken))
        {
            result = await session.SendAsync(outgoing.Create(tracked), cancellationToken);
        }

        var status = recorder.Record(tracked, result, account.Provider, Stopwatch.GetElapsedTime(started), owner, retryTransient: false);
        await db.SaveChangesAsync(cancellationToken);
        return new TestMailResult(tracked.Id, status.ToCode(), result);
    }
}
