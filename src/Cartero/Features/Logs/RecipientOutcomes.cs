using Cartero.Features.Sending;

namespace Cartero.Features.Logs;

/// <summary>Each recipient's outcome, read from the row and its per-recipient events (<see cref="EmailLogEvent.Recipient"/>).</summary>
public static class RecipientOutcomes
{
    public static IReadOnlyList<EmailRecipientOutcomeDto> For(EmailLogEntry e)
    {
        var pending = Split(e.PendingRecipients).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var delivered = e.Status is EmailStatus.Enviado or EmailStatus.Entregado or EmailStatus.Abierto or EmailStatus.Rebotado;
        var waiting = e.Status is EmailStatus.EnCola or EmailStatus.Enviando or EmailStatus.Reintento;
        var recipients = new[] { (e.ToAddress, "para") }
            .Concat(Split(e.Cc).Select(a => (a, "cc")))
            .Concat(Split(e.Bcc).Select(a => (a, "cco")));
        var list = new List<EmailRecipientOutcomeDto>();
        foreach (var (address, kind) in recipients)
        {
            var last = e.Events.Where(ev => string.Equals(ev.Recipient, address, StringComparison.OrdinalIgnoreCase)).MaxBy(ev => (ev.OccurredAt, ev.Id));
            string outcome;
            if (pending.Contains(address))
            {
                outcome = waiting ? "pendiente" : delivered ? "diferido" : "no_entregado";
            }
            else if (last is { Code: >= 500 })
            {
                outcome = "rechazado";
            }
            else if (last is { Code: >= 400 and < 500 })
            {
                outcome = waiting ? "pendiente" : "diferido";
            }
            else if (last is not null || delivered || pending.Count > 0)
            {
                // Accepted on a later attempt, with the message, or while others stayed pending.
                outcome = "aceptado";
            }
            else
            {
                outcome = waiting ? "pendiente" : "no_entregado";
            }

            list.Add(new EmailRecipientOutcomeDto(address, kind, outcome, last?.Code, last?.Detail));
        }

        return list;
    }

    /// <summary>Some recipients have the message and others do not (refused, deferred or still pending).</summary>
    public static bool IsPartial(IReadOnlyList<EmailRecipientOutcomeDto> outcomes) =>
        outcomes.Any(o => o.Outcome == "aceptado") && outcomes.Any(o => o.Outcome is "rechazado" or "diferido" or "pendiente");

    private static IEnumerable<string> Split(string? addresses) =>
        string.IsNullOrEmpty(addresses) ? [] : addresses.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
