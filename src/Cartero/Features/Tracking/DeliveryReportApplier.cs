using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cartero.Features.Audit;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Worker;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Tracking;

/// <summary>
/// The one place a report from the receiving side changes an email: it finds the email, writes the event through the
/// email's keyed event chain (<see cref="EmailTransitionWriter"/>), moves the state only forward
/// (enviado → entregado → abierto; rebotado from enviado or entregado), keeps what it applied so the same report twice
/// writes once, and puts the address on the suppression list after a hard bounce, a spam report or an unsubscribe.
/// </summary>
public sealed partial class DeliveryReportApplier(
    CarteroDbContext db,
    EmailStateMachine stateMachine,
    EmailTransitionWriter writer,
    TimeProvider time,
    ILogger<DeliveryReportApplier> log)
{
    // Another writer (the worker, another report) may extend the same email's chain between our read and our write;
    // the writer's guard then writes nothing and the report is applied again on the fresh row.
    private const int MaxRaces = 5;

    public Task<DeliveryReportResult> ApplyAsync(DeliveryReport report, CancellationToken cancellationToken) =>
        ApplyAsync(report, waitingId: null, cancellationToken);

    /// <summary>
    /// Applies a report; for an email not sent yet the report is kept in <c>log_envio_correo_reporte_en_espera</c> and the
    /// outcome is <see cref="DeliveryReportOutcome.NotSentYet"/>. With <paramref name="waitingId"/> (the pass applying a
    /// kept report) that row is deleted in the transaction that applies it, or at once when the report turns out to be a
    /// duplicate or its email is gone.
    /// </summary>
    internal async Task<DeliveryReportResult> ApplyAsync(DeliveryReport report, long? waitingId, CancellationToken cancellationToken)
    {
        var occurredAt = ChainMac.Truncate(DateTime.SpecifyKind(report.OccurredAt.ToUniversalTime(), DateTimeKind.Utc));
        var kind = report.Kind.ToCode();
        var hash = ContentHash(report);
        for (var race = 1; ; race++)
        {
            var entry = await FindAsync(report, cancellationToken);
            if (entry is null)
            {
                await ForgetWaitingAsync(waitingId, cancellationToken);
                return new DeliveryReportResult(DeliveryReportOutcome.NotFound);
            }

            if (IsNotSentYet(entry.Status))
            {
                if (waitingId is null)
                {
                    await KeepWaitingAsync(entry.Id, report, kind, occurredAt, hash, cancellationToken);
                }

                return new DeliveryReportResult(DeliveryReportOutcome.NotSentYet, entry.Id, entry.Status);
            }

            if (await db.Set<DeliveryReportRecord>().AnyAsync(r => r.EmailId == entry.Id && r.Kind == kind && r.OccurredAt == occurredAt && r.ContentHash == hash, cancellationToken))
            {
                await ForgetWaitingAsync(waitingId, cancellationToken);
                return new DeliveryReportResult(DeliveryReportOutcome.Duplicate, entry.Id, entry.Status);
            }

            var result = await TryWriteAsync(entry, report, occurredAt, hash, waitingId, cancellationToken);
            if (result is not null)
            {
                return result;
            }

            if (race == MaxRaces)
            {
                throw new InvalidOperationException($"El correo {entry.Id} cambió {MaxRaces} veces mientras se aplicaba un reporte; vuelva a aplicarlo.");
            }
        }
    }

    /// <summary>States in which a report waits: the worker still owns the email and will write its own outcome first.</summary>
    public static bool IsNotSentYet(EmailStatus status) => status is EmailStatus.EnCola or EmailStatus.Enviando or EmailStatus.Reintento;

    /// <summary>The state a report moves an email in <paramref name="from"/> to, or null when it is an event only.</summary>
    public static EmailStatus? Target(EmailStatus from, DeliveryReportKind kind) => kind switch
    {
        DeliveryReportKind.Delivered when from == EmailStatus.Enviado => EmailStatus.Entregado,
        DeliveryReportKind.Opened when from is EmailStatus.Enviado or EmailStatus.Entregado => EmailStatus.Abierto,
        DeliveryReportKind.BouncedHard or DeliveryReportKind.Dropped when from is EmailStatus.Enviado or EmailStatus.Entregado => EmailStatus.Rebotado,
        _ => null,
    };

    /// <summary>Reports that keep Cartero from writing to the address again.</summary>
    public static bool Suppresses(DeliveryReportKind kind) =>
        kind is DeliveryReportKind.BouncedHard or DeliveryReportKind.SpamReport or DeliveryReportKind.Unsubscribe;

    /// <summary>What the report says, independent of the source's own ids, so a provider's retry of it hashes the same.</summary>
    public static string ContentHash(DeliveryReport r)
    {
        var text = string.Join('\n', r.Kind.ToCode(), r.Reason ?? "", r.StatusCode ?? "", r.ServerText ?? "", r.RemoteMta ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private async Task<EmailLogEntry?> FindAsync(DeliveryReport report, CancellationToken cancellationToken)
    {
        var emails = db.Emails.AsNoTracking();
        if (report.EmailId is { } id && await emails.FirstOrDefaultAsync(e => e.Id == id, cancellationToken) is { } byId)
        {
            return byId;
        }

        if (!string.IsNullOrWhiteSpace(report.MessageId))
        {
            var messageId = report.MessageId.Trim().Trim('<', '>');
            var bracketed = $"<{messageId}>";
            if (await emails.FirstOrDefaultAsync(e => e.MessageId == messageId || e.MessageId == bracketed, cancellationToken) is { } byMessageId)
            {
                return byMessageId;
            }
        }

        if (!string.IsNullOrWhiteSpace(report.ProviderMessageId))
        {
            var providerId = report.ProviderMessageId.Trim();
            // SendGrid's sg_message_id is the X-Message-Id it answered at send time followed by ".filter…".
            var dot = providerId.IndexOf('.', StringComparison.Ordinal);
            var prefix = dot > 0 ? providerId[..dot] : providerId;
            return await emails.Where(e => e.ProviderMessageId == providerId || e.ProviderMessageId == prefix)
                .OrderByDescending(e => e.RequestedAt).FirstOrDefaultAsync(cancellationToken);
        }

        return null;
    }

    /// <returns>Null when another writer changed the email first.</returns>
    private async Task<DeliveryReportResult?> TryWriteAsync(EmailLogEntry entry, DeliveryReport report, DateTime occurredAt, string hash, long? waitingId,
        CancellationToken cancellationToken)
    {
        entry.Events.Clear();
        EmailTransitionWriter.Remember(db, [entry]);
        var detail = new TransitionDetail(Describe(report), CodeOf(report), entry.Provider, Actor: DeliveryReportCodes.ActorOf(report.Source));
        var target = Target(entry.Status, report.Kind);
        var evt = target is { } to ? stateMachine.Transition(entry, to, detail) : stateMachine.Record(entry, detail);

        var gate = false;
        try
        {
            if (db.Engine == DatabaseEngine.Sqlite)
            {
                await EmailClaimer.SqliteGate.WaitAsync(cancellationToken);
                gate = true;
            }

            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await writer.SaveAsync(db, [entry], cancellationToken) == 0)
            {
                await tx.RollbackAsync(cancellationToken);
                return null;
            }

            if (waitingId is { } waiting)
            {
                // In this transaction: applied and no longer waiting commit together, or neither does.
                await db.WaitingReports.Where(w => w.Id == waiting).ExecuteDeleteAsync(cancellationToken);
            }

            db.Set<DeliveryReportRecord>().Add(new DeliveryReportRecord
            {
                EmailId = entry.Id,
                Kind = report.Kind.ToCode(),
                Source = report.Source.ToCode(),
                OccurredAt = occurredAt,
                ReceivedAt = time.GetUtcNow().UtcDateTime,
                Reason = report.Reason,
                // What a receiving server or a bounce says is not ours to size: cut to the column (the hash above keeps all of it).
                StatusCode = Fit(report.StatusCode, DeliveryReportRecord.StatusCodeLength),
                ServerText = report.ServerText,
                RemoteMta = Fit(report.RemoteMta, DeliveryReportRecord.RemoteMtaLength),
                ContentHash = hash,
                EventSequence = evt.Sequence,
            });

            var suppressed = false;
            if (Suppresses(report.Kind))
            {
                var address = SuppressionList.Normalize(entry.ToAddress);
                if (!await db.Set<SuppressionEntry>().AnyAsync(s => s.Address == address, cancellationToken))
                {
                    db.Set<SuppressionEntry>().Add(new SuppressionEntry
                    {
                        Id = Guid.CreateVersion7(),
                        Address = address,
                        Reason = SuppressionReason(report),
                        SourceEvent = $"{report.Kind.ToCode()}:{entry.Id}",
                        AddedAt = time.GetUtcNow().UtcDateTime,
                        AddedBy = DeliveryReportCodes.ActorOf(report.Source),
                    });
                    suppressed = true;
                }
            }

            else if (report.Kind == DeliveryReportKind.Resubscribe)
            {
                // Only what an unsubscribe put on the list is lifted: a hard bounce, a spam report or an entry a person
                // added stays until a person removes it.
                var address = SuppressionList.Normalize(entry.ToAddress);
                var unsubscribed = $"{DeliveryReportKind.Unsubscribe.ToCode()}:";
                if (await db.Set<SuppressionEntry>().FirstOrDefaultAsync(s => s.Address == address, cancellationToken) is { } listed &&
                    listed.SourceEvent.StartsWith(unsubscribed, StringComparison.Ordinal))
                {
                    db.Set<SuppressionEntry>().Remove(listed);
                    LogResubscribed(log, entry.Id);
                }
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex)
            {
                // The same report (or the same address) was written by a concurrent request: start again, it reads as a duplicate.
                LogConcurrentReport(log, ex, entry.Id);
                db.ChangeTracker.Clear();
                await tx.RollbackAsync(cancellationToken);
                return null;
            }

            await tx.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            LogApplied(log, entry.Id, report.Kind.ToCode(), report.Source.ToCode(), entry.Status.ToCode());
            return new DeliveryReportResult(target is null ? DeliveryReportOutcome.Recorded : DeliveryReportOutcome.StateChanged, entry.Id, entry.Status, suppressed);
        }
        finally
        {
            if (gate)
            {
                EmailClaimer.SqliteGate.Release();
            }
        }
    }

    private async Task KeepWaitingAsync(Guid emailId, DeliveryReport report, string kind, DateTime occurredAt, string hash, CancellationToken cancellationToken)
    {
        if (await db.WaitingReports.AnyAsync(w => w.EmailId == emailId && w.Kind == kind && w.OccurredAt == occurredAt && w.ContentHash == hash, cancellationToken))
        {
            return;
        }

        db.WaitingReports.Add(new WaitingReport
        {
            EmailId = emailId,
            Kind = kind,
            OccurredAt = occurredAt,
            ContentHash = hash,
            // By id from now on: the Message-Id or provider id already led here, and the id is what cannot change.
            Report = WaitingReportPass.Serialize(report with { EmailId = emailId }),
            ReceivedAt = time.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            LogWaiting(log, emailId, kind);
        }
        catch (DbUpdateException ex)
        {
            // The same report kept at the same moment by another request or instance: it waits once.
            LogConcurrentReport(log, ex, emailId);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task ForgetWaitingAsync(long? waitingId, CancellationToken cancellationToken)
    {
        if (waitingId is { } id)
        {
            await db.WaitingReports.Where(w => w.Id == id).ExecuteDeleteAsync(cancellationToken);
        }
    }

    private static string Describe(DeliveryReport r)
    {
        var text = new StringBuilder($"{r.Kind.ToLabel()} según {r.Source.ToLabel()}");
        if (r.Kind == DeliveryReportKind.Opened)
        {
            text.Append(" (aproximado: bloqueo de imágenes y proxies)");
        }

        text.Append(CultureInfo.InvariantCulture, $", {Platform.Web.EcuadorTime.Format(r.OccurredAt.ToUniversalTime())}");
        if (!string.IsNullOrWhiteSpace(r.StatusCode))
        {
            text.Append(CultureInfo.InvariantCulture, $" · código {r.StatusCode}");
        }

        if (!string.IsNullOrWhiteSpace(r.ServerText))
        {
            text.Append(CultureInfo.InvariantCulture, $" · respuesta del servidor: {r.ServerText}");
        }

        if (!string.IsNullOrWhiteSpace(r.RemoteMta))
        {
            text.Append(CultureInfo.InvariantCulture, $" · MTA remoto: {r.RemoteMta}");
        }

        if (!string.IsNullOrWhiteSpace(r.Reason))
        {
            text.Append(CultureInfo.InvariantCulture, $" · motivo: {r.Reason}");
        }

        return text.ToString();
    }

    private static string SuppressionReason(DeliveryReport r)
    {
        var why = r.ServerText ?? r.Reason ?? r.StatusCode;
        var text = why is null ? r.Kind.ToLabel() : $"{r.Kind.ToLabel()}: {why}";
        return text.Length <= 1000 ? text : text[..1000];
    }

    /// <summary>The SMTP reply code when the report gives one (<c>550</c>, or the start of <c>550 5.1.1 …</c>).</summary>
    private static int? CodeOf(DeliveryReport r)
    {
        foreach (var candidate in new[] { r.StatusCode, r.ServerText })
        {
            if (candidate is { Length: >= 3 } c && char.IsAsciiDigit(c[0]) && char.IsAsciiDigit(c[1]) && char.IsAsciiDigit(c[2])
                && (c.Length == 3 || !char.IsAsciiDigit(c[3]) && c[3] != '.'))
            {
                return int.Parse(c.AsSpan(0, 3), CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reporte {Tipo} ({Origen}) aplicado al correo {EmailId}: queda en {Estado}")]
    private static partial void LogApplied(ILogger logger, Guid emailId, string tipo, string origen, string estado);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reporte {Tipo} del correo {EmailId} en espera: el correo aún no está enviado; se aplicará cuando lo esté")]
    private static partial void LogWaiting(ILogger logger, Guid emailId, string tipo);

    [LoggerMessage(Level = LogLevel.Information, Message = "El destinatario del correo {EmailId} volvió a suscribirse: su dirección sale de la lista de supresión")]
    private static partial void LogResubscribed(ILogger logger, Guid emailId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "El correo {EmailId} recibió el mismo reporte por otra vía al mismo tiempo; se vuelve a leer")]
    private static partial void LogConcurrentReport(ILogger logger, Exception exception, Guid emailId);

    private static string? Fit(string? value, int length) => value is { Length: var n } && n > length ? value[..length] : value;
}
