using System.Text;
using System.Text.Json;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Tracking;

/// <summary>
/// Stores each accepted SendGrid batch raw before anything else (so a 2xx means it is durable) and applies its events
/// one by one through <see cref="DeliveryReportApplier"/>: a malformed event or an unknown type is counted, never
/// fatal. A stored batch can be applied again after a fix; the applier's deduplication makes a replay apply once.
/// </summary>
public sealed partial class WebhookInbox(CarteroDbContext db, DeliveryReportApplier applier, TimeProvider time, ILogger<WebhookInbox> log)
{
    public const string SendGrid = "sendgrid";

    public async Task<WebhookInboxItem> StoreAsync(byte[] body, string? timestamp, SignatureCheck check, CancellationToken cancellationToken)
    {
        var item = new WebhookInboxItem
        {
            Id = Guid.CreateVersion7(),
            Provider = SendGrid,
            ReceivedAt = time.GetUtcNow().UtcDateTime,
            Body = Encoding.UTF8.GetString(body),
            SignedTimestamp = timestamp is { Length: <= 32 } ? timestamp : null,
            SignatureValid = check.Valid,
            Verification = check.Detail,
        };
        db.WebhookInbox.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return item;
    }

    /// <summary>Applies the stored batch <paramref name="id"/>; null when there is no such verified batch.</summary>
    public async Task<WebhookApplyResult?> ApplyAsync(Guid id, CancellationToken cancellationToken)
    {
        var item = await db.WebhookInbox.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.SignatureValid, cancellationToken);
        if (item is null)
        {
            return null;
        }

        var result = await ApplyBodyAsync(item.Body, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var summary = result.Describe();
        await db.WebhookInbox.Where(i => i.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.AppliedAt, now)
            .SetProperty(i => i.TimesApplied, i => i.TimesApplied + 1)
            .SetProperty(i => i.EventCount, result.Events)
            .SetProperty(i => i.ApplyResult, summary), cancellationToken);
        return result;
    }

    public async Task<List<WebhookInboxItem>> RecentAsync(int limit, CancellationToken cancellationToken) =>
        await db.WebhookInbox.AsNoTracking().OrderByDescending(i => i.ReceivedAt).Take(Math.Clamp(limit, 1, 200)).ToListAsync(cancellationToken);

    private async Task<WebhookApplyResult> ApplyBodyAsync(string body, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return new WebhookApplyResult(0, 0, 0, 0, 0, 0, 0, 1);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return new WebhookApplyResult(0, 0, 0, 0, 0, 0, 0, 1);
            }

            int events = 0, applied = 0, recorded = 0, duplicates = 0, unmatched = 0, notSent = 0, skipped = 0, malformed = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                events++;
                try
                {
                    if (SendGridEventMapper.Map(element, out var skippedType) is not { } report)
                    {
                        LogSkipped(log, skippedType ?? "?");
                        skipped++;
                        continue;
                    }

                    switch ((await applier.ApplyAsync(report, cancellationToken)).Outcome)
                    {
                        case DeliveryReportOutcome.StateChanged: applied++; break;
                        case DeliveryReportOutcome.Recorded: recorded++; break;
                        case DeliveryReportOutcome.Duplicate: duplicates++; break;
                        case DeliveryReportOutcome.NotFound: unmatched++; break;
                        case DeliveryReportOutcome.NotSentYet: notSent++; break;
                    }
                }
                catch (FormatException ex)
                {
                    LogMalformed(log, ex.Message);
                    malformed++;
                }
            }

            return new WebhookApplyResult(events, applied, recorded, duplicates, unmatched, notSent, skipped, malformed);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Evento de SendGrid sin efecto en el registro: {Tipo}")]
    private static partial void LogSkipped(ILogger logger, string tipo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evento de SendGrid mal formado, se omite y se sigue con el resto del lote: {Motivo}")]
    private static partial void LogMalformed(ILogger logger, string motivo);
}
