using Cartero.Features.Providers;

namespace Cartero.Features.Sending.Worker;

/// <summary>
/// Which recipients of a message are on the suppression list. A suppressed To fails the email (the dispatcher checks
/// it first); a suppressed Cc or Bcc is only left out of the envelope, so the others still get the message.
/// </summary>
internal static class SuppressionCheck
{
    /// <summary>Every address the row names (To, Cc, Bcc), as stored.</summary>
    public static IEnumerable<string> Recipients(EmailLogEntry entry) =>
        new[] { entry.ToAddress }.Concat(Split(entry.Cc)).Concat(Split(entry.Bcc));

    /// <summary>
    /// Null when no recipient the message goes to is suppressed. Otherwise the suppressed ones with their reasons and
    /// the message with the rest as its envelope, or a null message when nobody is left.
    /// </summary>
    public static (OutgoingEmail? Message, List<(string Address, string Reason)> Suppressed)? DropSuppressed(
        OutgoingEmail message, IReadOnlyDictionary<string, string> suppressed)
    {
        var recipients = message.Envelope is { Count: > 0 } pending ? pending : [message.To, .. message.Cc, .. message.Bcc];
        var dropped = new List<(string, string)>();
        var kept = new List<EmailAddress>();
        foreach (var recipient in recipients)
        {
            if (suppressed.TryGetValue(Normal(recipient.Address), out var reason))
            {
                dropped.Add((recipient.Address, reason));
            }
            else
            {
                kept.Add(recipient);
            }
        }

        return dropped.Count == 0 ? null : (kept.Count == 0 ? null : message with { Envelope = kept }, dropped);
    }

    private static string Normal(string address) => address.Trim().ToLowerInvariant();

    private static IEnumerable<string> Split(string? addresses) =>
        string.IsNullOrEmpty(addresses) ? [] : addresses.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
