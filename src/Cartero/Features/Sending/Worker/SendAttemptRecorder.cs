using Cartero.Features.Providers;

namespace Cartero.Features.Sending.Worker;

/// <summary>
/// Applies a provider's answer to an email in <c>enviando</c>: the next state, the attempt count, the error
/// kept in <c>mensaje_error</c> and the event with code, provider and duration. One place for the rules of
/// DESIGN §3 "Failures".
/// </summary>
public sealed class SendAttemptRecorder(EmailStateMachine stateMachine, RetryPolicy retryPolicy, TimeProvider time)
{
    /// <summary>Records the attempt. <paramref name="retryTransient"/> is false for test sends, which are never retried later.</summary>
    public EmailStatus Record(EmailLogEntry entry, SendResult result, string provider, TimeSpan duration, string actor, bool retryTransient = true)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var ms = (int)Math.Min(int.MaxValue, duration.TotalMilliseconds);
        entry.Provider = provider;
        entry.LeaseOwner = null;
        entry.LeaseExpiresAt = null;

        var pendingBefore = Addresses(entry.PendingRecipients);
        var rejected = result.RejectedRecipients ?? [];
        switch (result.Outcome)
        {
            case SendOutcome.Accepted:
            {
                entry.Attempts++;
                entry.LastAttemptAt = now;
                entry.ProviderMessageId = result.ProviderMessageId ?? entry.ProviderMessageId;
                var deferred = rejected.Where(r => r.Code is >= 400 and < 500).Select(r => r.Address).ToList();
                EmailStatus status;
                if (deferred.Count > 0 && retryTransient && retryPolicy.ShouldRetry(entry.Attempts + 1))
                {
                    // Partial delivery: the server took the message for the others; only the deferred get it again.
                    entry.PendingRecipients = string.Join(", ", deferred);
                    entry.LastError = DescribeRejected(rejected);
                    var wait = retryPolicy.DelayAfter(entry.Attempts, result.RetryAfter);
                    entry.NextAttemptAt = now + wait;
                    stateMachine.Transition(entry, EmailStatus.Reintento, new TransitionDetail(
                        $"Entrega parcial: {DescribeAccepted(result)} — {deferred.Count} destinatario(s) diferido(s) se reintentan en {FormatDelay(wait)} " +
                        $"(intento {entry.Attempts} de {retryPolicy.MaxAttempts}); los demás no vuelven a recibirlo",
                        result.Code, provider, ms, actor, result.Sent?.Sha256));
                    status = EmailStatus.Reintento;
                }
                else
                {
                    entry.PendingRecipients = null;
                    entry.NextAttemptAt = null;
                    if (rejected.Count > 0)
                    {
                        entry.LastError = DescribeRejected(rejected);
                    }

                    stateMachine.Transition(entry, EmailStatus.Enviado, new TransitionDetail(
                        rejected.Count > 0 ? $"Entrega parcial: {DescribeAccepted(result)}" : DescribeAccepted(result), result.Code, provider, ms, actor, result.Sent?.Sha256));
                    status = EmailStatus.Enviado;
                }

                NoteRecipients(entry, rejected, provider, actor, status == EmailStatus.Reintento, retryTransient);
                foreach (var address in pendingBefore.Where(a => !rejected.Any(r => string.Equals(r.Address, a, StringComparison.OrdinalIgnoreCase))))
                {
                    stateMachine.NoteRecipient(entry, address, new TransitionDetail(
                        $"Destinatario {address} aceptado en el intento {entry.Attempts}: {result.Detail}", result.Code, provider, Actor: actor));
                }

                return status;
            }

            case SendOutcome.Transient when retryTransient && retryPolicy.ShouldRetry(entry.Attempts + 1):
                entry.Attempts++;
                entry.LastAttemptAt = now;
                entry.LastError = result.Detail;
                var delay = retryPolicy.DelayAfter(entry.Attempts, result.RetryAfter);
                entry.NextAttemptAt = now + delay;
                stateMachine.Transition(entry, EmailStatus.Reintento, new TransitionDetail(
                    $"{result.Detail} — intento {entry.Attempts} de {retryPolicy.MaxAttempts}; nuevo intento en {FormatDelay(delay)}",
                    result.Code, provider, ms, actor));
                return EmailStatus.Reintento;

            case SendOutcome.Transient:
            case SendOutcome.Permanent:
                entry.Attempts++;
                entry.LastAttemptAt = now;
                entry.LastError = result.Detail;
                entry.NextAttemptAt = null;
                var why = result.Outcome == SendOutcome.Permanent
                    ? result.Detail
                    : retryTransient
                        ? $"{result.Detail} — se agotaron los {retryPolicy.MaxAttempts} intentos"
                        : result.Detail;
                stateMachine.Transition(entry, EmailStatus.Fallido, new TransitionDetail(why, result.Code, provider, ms, actor));
                return EmailStatus.Fallido;

            case SendOutcome.AccountFailure when !retryTransient:
                entry.Attempts++;
                entry.LastAttemptAt = now;
                entry.LastError = result.Detail;
                entry.NextAttemptAt = null;
                stateMachine.Transition(entry, EmailStatus.Fallido, new TransitionDetail(result.Detail, result.Code, provider, ms, actor));
                return EmailStatus.Fallido;

            default:
                throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, "Use RecordAccountPause for account-wide failures.");
        }
    }

    /// <summary>
    /// Gives a claimed email back to the queue without spending an attempt, while the account's circuit is open. The row
    /// is due at once: the circuit, not the row, holds it back, so it goes out as soon as a probe finds the account working.
    /// </summary>
    public void RecordAccountPause(EmailLogEntry entry, string reason, int? code, string provider, DateTimeOffset nextProbe, string actor)
    {
        entry.LeaseOwner = null;
        entry.LeaseExpiresAt = null;
        entry.LastError = reason;
        entry.NextAttemptAt = time.GetUtcNow().UtcDateTime;
        stateMachine.Transition(entry, EmailStatus.EnCola, new TransitionDetail(
            $"Cola de la cuenta en pausa (próxima comprobación de la cuenta {nextProbe:O}): {reason} (no cuenta como intento)", code, provider, Actor: actor));
    }

    /// <summary>
    /// Gives a claimed email that was never handed to the provider back to the queue at once, lease cleared and no
    /// attempt spent: what a worker that stops normally does with the rest of its batch.
    /// </summary>
    /// <summary>
    /// The recipient is on the suppression list: the message is not attempted and the row ends <c>fallido</c>, which
    /// warns its originator like any failure. Attempts are not counted; a retry after removing the address sends it.
    /// </summary>
    public void RecordSuppressed(EmailLogEntry entry, string reason, string actor)
    {
        var detail = $"Dirección suprimida: {reason}";
        entry.LeaseOwner = null;
        entry.LeaseExpiresAt = null;
        entry.NextAttemptAt = null;
        entry.LastAttemptAt = time.GetUtcNow().UtcDateTime;
        entry.LastError = detail;
        stateMachine.Transition(entry, EmailStatus.Fallido, new TransitionDetail(detail, Actor: actor));
    }

    /// <summary>
    /// A Cc or Bcc on the suppression list is left out of the envelope: an event for that recipient (no state change),
    /// and it is no longer pending if it was.
    /// </summary>
    public void RecordSuppressedRecipient(EmailLogEntry entry, string address, string reason, string actor)
    {
        var pending = Addresses(entry.PendingRecipients);
        if (pending.RemoveAll(a => string.Equals(a, address, StringComparison.OrdinalIgnoreCase)) > 0)
        {
            entry.PendingRecipients = pending.Count > 0 ? string.Join(", ", pending) : null;
        }

        stateMachine.NoteRecipient(entry, address, new TransitionDetail(
            $"Destinatario {address} no recibe el correo. Dirección suprimida: {reason}", Actor: actor));
    }

    public void RecordHandBack(EmailLogEntry entry, string actor)
    {
        entry.LeaseOwner = null;
        entry.LeaseExpiresAt = null;
        entry.NextAttemptAt = time.GetUtcNow().UtcDateTime;
        stateMachine.Transition(entry, EmailStatus.EnCola, new TransitionDetail(
            $"Devuelto a la cola sin enviar: {actor} se detuvo (no cuenta como intento)", Actor: actor));
    }

    /// <summary>
    /// After a partial delivery, one event per refused or deferred recipient, so every recipient's fate is in the history.
    /// When every recipient was refused, the attempt's own event names them all.
    /// </summary>
    private void NoteRecipients(EmailLogEntry entry, IReadOnlyList<RecipientRejection> rejected, string provider, string actor, bool retrying, bool retryTransient)
    {
        foreach (var r in rejected)
        {
            var what = r.Code is >= 400 and < 500
                ? retrying
                    ? "diferido; se reintenta solo a este destinatario"
                    : retryTransient ? "diferido; no se entregó: se agotaron los intentos" : "diferido; no se entregó"
                : "rechazado; no se le entregará";
            stateMachine.NoteRecipient(entry, r.Address, new TransitionDetail(
                $"Destinatario {r.Address} {what}: {r.Code} {r.Response}".Trim(), r.Code, provider, Actor: actor));
        }
    }

    private static string DescribeRejected(IReadOnlyList<RecipientRejection> rejected) =>
        "Destinatarios no aceptados: " + string.Join("; ", rejected.Select(r => $"{r.Address} ({r.Code} {r.Response})"));

    private static List<string> Addresses(string? list) =>
        string.IsNullOrEmpty(list) ? [] : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string DescribeAccepted(SendResult result)
    {
        if (result.RejectedRecipients is not { Count: > 0 } rejected)
        {
            return result.Detail;
        }

        return $"{result.Detail}; destinatarios rechazados: " +
            string.Join("; ", rejected.Select(r => $"{r.Address} ({r.Code} {r.Response})"));
    }

    private static string FormatDelay(TimeSpan delay) =>
        delay.TotalMinutes >= 1 ? $"{delay.TotalMinutes:0.#} min" : $"{delay.TotalSeconds:0} s";
}
