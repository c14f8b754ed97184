using System.Text.Json;

namespace Cartero.Features.Tracking;

/// <summary>
/// SendGrid's documented event objects (a JSON array per batch) as <see cref="DeliveryReport"/>s. Custom args are
/// top-level properties of each event, so Cartero's <c>cartero_id</c> is read from there.
/// </summary>
public static class SendGridEventMapper
{
    /// <summary>The report of one event; null with <paramref name="skipped"/> for events that say nothing about delivery (processed) or are of a type Cartero does not know.</summary>
    public static DeliveryReport? Map(JsonElement e, out string? skipped)
    {
        skipped = null;
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("El evento no es un objeto JSON.");
        }

        var type = Text(e, "event") ?? throw new FormatException("El evento no tiene 'event'.");
        if (!e.TryGetProperty("timestamp", out var ts) || !ts.TryGetInt64(out var seconds))
        {
            throw new FormatException("El evento no tiene 'timestamp' en segundos.");
        }

        Guid? emailId = Guid.TryParse(Text(e, "cartero_id"), out var id) ? id : null;
        var providerId = Text(e, "sg_message_id");
        if (emailId is null && providerId is null)
        {
            throw new FormatException("El evento no trae cartero_id ni sg_message_id.");
        }

        var at = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799)).UtcDateTime;
        DeliveryReport Report(DeliveryReportKind kind, string? reason = null, string? status = null, string? server = null) =>
            new(kind, at, DeliveryReportSource.Webhook, emailId, providerId, Reason: reason, StatusCode: status, ServerText: server, RemoteMta: Text(e, "mx"));

        switch (type)
        {
            case "processed":
                skipped = "processed";
                return null;
            case "delivered":
                return Report(DeliveryReportKind.Delivered, server: Text(e, "response"));
            case "deferred":
                return Report(DeliveryReportKind.DeferredSoft, reason: Text(e, "attempt") is { } attempt ? $"intento {attempt} de SendGrid" : null, server: Text(e, "response"));
            case "bounce" when Text(e, "type") == "blocked":
                return Report(DeliveryReportKind.Dropped, reason: Join("bloqueado por el servidor receptor", Text(e, "bounce_classification")), status: Text(e, "status"), server: Text(e, "reason"));
            case "bounce":
                return Report(DeliveryReportKind.BouncedHard, reason: Text(e, "bounce_classification"), status: Text(e, "status"), server: Text(e, "reason"));
            case "dropped":
                return Report(DeliveryReportKind.Dropped, reason: Text(e, "reason"), status: Text(e, "status"));
            case "open":
                return Report(DeliveryReportKind.Opened, reason: e.TryGetProperty("sg_machine_open", out var machine) && machine.ValueKind == JsonValueKind.True ? "apertura automática (protección de privacidad del cliente de correo)" : null);
            case "click":
                return Report(DeliveryReportKind.Click, reason: Text(e, "url"));
            case "spamreport":
                return Report(DeliveryReportKind.SpamReport);
            case "unsubscribe":
            case "group_unsubscribe":
                return Report(DeliveryReportKind.Unsubscribe, reason: type == "group_unsubscribe" ? Join("baja del grupo", Text(e, "asm_group_id")) : null);
            case "group_resubscribe":
                return Report(DeliveryReportKind.Resubscribe, reason: Join("se volvió a suscribir al grupo", Text(e, "asm_group_id")));
            default:
                skipped = type;
                return null;
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    private static string? Join(string text, string? extra) => extra is null ? text : $"{text} {extra}";
}
