using System.Text.RegularExpressions;
using MimeKit;

namespace Cartero.Features.Tracking.Bounces;

/// <summary>
/// Reads what a message of the bounce mailbox says: a standard delivery status notification (RFC 3464), one of the
/// common plain-text bounces (qmail, Exim, Exchange-like servers), or an automatic reply (RFC 3834), and which email
/// of Cartero's it is about. Never throws for a strange message: it answers <see cref="BounceKind.Unrecognized"/>.
/// </summary>
/// <param name="messageIdDomain">Domain of the Message-Ids Cartero generates (<c>&lt;id:N&gt;@domain</c>).</param>
public sealed partial class BounceParser(string messageIdDomain)
{
    private static readonly string[] BounceSenders = ["mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon"];

    // Where the plain-text bounces start quoting the original message: nothing after it is the server's words.
    private static readonly string[] QuoteMarkers =
    [
        "--- Below this line is a copy of the message.",
        "------ This is a copy of the message",
        "----- Original message -----",
        "------ Original message ------",
        "Original message headers:",
        "----- The following addresses had permanent fatal errors -----",
    ];

    public BounceReport Parse(MimeMessage message, string? returnPath = null)
    {
        var (emailId, matchedBy) = FindEmail(message, returnPath);
        var report = Classify(message) with
        {
            EmailId = emailId,
            MatchedBy = matchedBy,
            Subject = Clean(message.Subject),
            ReportMessageId = message.MessageId,
            Date = message.Date == DateTimeOffset.MinValue ? null : message.Date,
        };
        return report;
    }

    private static BounceReport Classify(MimeMessage message)
    {
        if (message.BodyParts.OfType<MessageDeliveryStatus>().FirstOrDefault() is { } dsn)
        {
            return FromDeliveryStatus(dsn);
        }

        if (LooksLikeBounce(message) && FromText(NotificationText(message)) is { } textual)
        {
            return textual;
        }

        return IsAutoReply(message) ? new BounceReport { Kind = BounceKind.AutoReply } : new BounceReport { Kind = BounceKind.Unrecognized };
    }

    private static BounceReport FromDeliveryStatus(MessageDeliveryStatus dsn)
    {
        var groups = dsn.StatusGroups;
        var perMessage = groups.Count > 0 ? groups[0] : null;
        var recipients = groups.Skip(1).ToList();

        // One report per email: the worst news of any recipient (a failure before a delay before a delivery).
        var chosen = recipients
            .OrderBy(g => Rank(Action(g), g["Status"]))
            .FirstOrDefault();
        if (chosen is null)
        {
            return new BounceReport { Kind = BounceKind.Unrecognized, ReportingMta = TypedValue(perMessage?["Reporting-MTA"]) };
        }

        var status = StatusCode(chosen["Status"]);
        var kind = KindOf(Action(chosen), status);
        return new BounceReport
        {
            Kind = kind,
            Recipient = TypedValue(chosen["Final-Recipient"]) ?? TypedValue(chosen["Original-Recipient"]),
            Status = status,
            DiagnosticCode = TypedValue(chosen["Diagnostic-Code"]),
            RemoteMta = TypedValue(chosen["Remote-MTA"]),
            ReportingMta = TypedValue(perMessage?["Reporting-MTA"]),
        };
    }

    private static string Action(HeaderList group) => (group["Action"] ?? "").Trim().ToLowerInvariant();

    private static int Rank(string action, string? status) =>
        (action, StatusCode(status)?[0]) switch
        {
            ("failed", _) or (_, '5') => 0,
            ("delayed", _) or (_, '4') => 1,
            _ => 2,
        };

    private static BounceKind KindOf(string action, string? status) => status?[0] switch
    {
        '5' => BounceKind.Hard,
        '4' => BounceKind.Soft,
        '2' => BounceKind.Delivered,
        _ => action switch
        {
            "failed" => BounceKind.Hard,
            "delayed" => BounceKind.Soft,
            "delivered" or "relayed" or "expanded" => BounceKind.Delivered,
            _ => BounceKind.Unrecognized,
        },
    };

    private static bool LooksLikeBounce(MimeMessage message)
    {
        var from = message.From.Mailboxes.FirstOrDefault()?.Address ?? "";
        var local = from.Split('@')[0].ToLowerInvariant();
        if (BounceSenders.Contains(local))
        {
            return true;
        }

        var returnPath = message.Headers[HeaderId.ReturnPath];
        return (returnPath is not null && returnPath.Trim() == "<>") || BounceSubject().IsMatch(message.Subject ?? "");
    }

    private static BounceReport? FromText(string text)
    {
        var enhanced = EnhancedStatus().Match(text);
        var status = enhanced.Success ? enhanced.Value : null;
        var kind = status?[0] switch
        {
            '5' => BounceKind.Hard,
            '4' => BounceKind.Soft,
            _ => BounceKind.Unrecognized,
        };

        // A stated temporariness beats a code quoted from an earlier attempt; a stated permanence settles a missing code.
        if (TemporaryWording().IsMatch(text))
        {
            kind = BounceKind.Soft;
        }
        else if (kind == BounceKind.Unrecognized && PermanentWording().IsMatch(text))
        {
            kind = BounceKind.Hard;
        }
        else if (kind == BounceKind.Unrecognized && BasicSmtpCode().Match(text) is { Success: true } basic)
        {
            kind = basic.Groups[1].Value == "5" ? BounceKind.Hard : BounceKind.Soft;
        }

        if (kind == BounceKind.Unrecognized)
        {
            return null;
        }

        return new BounceReport
        {
            Kind = kind,
            Status = status,
            Recipient = TextRecipient(text),
            DiagnosticCode = TextDiagnostic(text, enhanced),
            RemoteMta = TextRemoteMta(text),
        };
    }

    private static string? TextDiagnostic(string text, Match enhanced)
    {
        if (ExchangeDiagnostic().Match(text) is { Success: true } exchange)
        {
            return Clean(exchange.Groups["diag"].Value);
        }

        if (RemoteSaid().Match(text) is { Success: true } said)
        {
            return Clean(said.Groups["diag"].Value);
        }

        if (SmtpError().Match(text) is { Success: true } exim)
        {
            return Clean(exim.Groups["diag"].Value);
        }

        if (!enhanced.Success)
        {
            return null;
        }

        // The line that carries the status code is the server's own words.
        var start = text.LastIndexOf('\n', enhanced.Index) + 1;
        var end = text.IndexOf('\n', enhanced.Index);
        return Clean(text[start..(end < 0 ? text.Length : end)]);
    }

    private static string? TextRemoteMta(string text)
    {
        if (ExchangeDiagnostic().Match(text) is { Success: true } exchange)
        {
            return exchange.Groups["host"].Value;
        }

        if (EximHost().Match(text) is { Success: true } exim)
        {
            return $"{exim.Groups["name"].Value} [{exim.Groups["ip"].Value}]";
        }

        return QmailHost().Match(text) is { Success: true } qmail ? qmail.Groups["ip"].Value : null;
    }

    private static string? TextRecipient(string text) =>
        AngleRecipientLine().Match(text) is { Success: true } angle ? angle.Groups[1].Value
        : IndentedAddressLine().Match(text) is { Success: true } indented ? indented.Groups[1].Value
        : null;

    /// <summary>The bounce's own words: its text parts up to where it starts quoting the original message.</summary>
    private static string NotificationText(MimeMessage message)
    {
        var text = string.Join("\n", message.BodyParts.OfType<TextPart>()
            .Where(p => !p.IsAttachment)
            .Select(p => p.IsHtml ? HtmlTags().Replace(p.Text ?? "", " ") : p.Text ?? ""));
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        foreach (var marker in QuoteMarkers)
        {
            var i = text.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (i >= 0)
            {
                text = text[..i];
            }
        }

        return text;
    }

    private static bool IsAutoReply(MimeMessage message)
    {
        var headers = message.Headers;
        if (headers["Auto-Submitted"] is { } autoSubmitted && !autoSubmitted.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (headers.Contains("X-Autoreply") || headers.Contains("X-Autorespond") || headers.Contains("X-Autoresponder"))
        {
            return true;
        }

        var precedence = headers["Precedence"]?.Trim().ToLowerInvariant();
        return precedence == "auto_reply" || AutoReplySubject().IsMatch(message.Subject ?? "");
    }

    private (Guid? Id, string? By) FindEmail(MimeMessage message, string? returnPath)
    {
        if (Verp(message, returnPath) is { } verp)
        {
            return (verp, "verp");
        }

        foreach (var embedded in message.BodyParts.OfType<MessagePart>())
        {
            if (embedded.Message is { } original)
            {
                if (FromMessageId(original.MessageId) is { } id)
                {
                    return (id, "message-id");
                }

                if (Guid.TryParse(original.Headers[Providers.MimeMessageFactory.LogIdHeader], out var logId))
                {
                    return (logId, "message-id");
                }
            }
        }

        foreach (var reference in new[] { message.InReplyTo }.Concat(message.References))
        {
            if (FromMessageId(reference) is { } id)
            {
                return (id, "in-reply-to");
            }
        }

        // Plain-text bounces quote the original headers in their body.
        var text = string.Join("\n", message.BodyParts.OfType<TextPart>().Select(p => p.Text ?? ""));
        foreach (Match m in QuotedMessageId().Matches(text))
        {
            if (FromMessageId(m.Groups[1].Value) is { } id)
            {
                return (id, "texto");
            }
        }

        return QuotedLogId().Match(text) is { Success: true } quoted && Guid.TryParse(quoted.Groups[1].Value, out var quotedId)
            ? (quotedId, "texto")
            : (null, null);
    }

    private static Guid? Verp(MimeMessage message, string? returnPath)
    {
        var (local, domain) = Split(returnPath);
        var candidates = message.To.Mailboxes.Select(m => m.Address)
            .Concat(new[] { "Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To" }
                .SelectMany(h => message.Headers.Where(x => x.Field.Equals(h, StringComparison.OrdinalIgnoreCase)).Select(x => x.Value.Trim().Trim('<', '>'))));
        foreach (var address in candidates)
        {
            var m = VerpAddress().Match(address);
            if (!m.Success || !Guid.TryParseExact(m.Groups["id"].Value, "N", out var id))
            {
                continue;
            }

            // With a configured return path, only its own tagged addresses count.
            if (local is null || (string.Equals(m.Groups["local"].Value, local, StringComparison.OrdinalIgnoreCase)
                && string.Equals(m.Groups["domain"].Value, domain, StringComparison.OrdinalIgnoreCase)))
            {
                return id;
            }
        }

        return null;
    }

    private static (string? Local, string? Domain) Split(string? address)
    {
        var at = address?.LastIndexOf('@') ?? -1;
        return at <= 0 ? (null, null) : (address![..at], address[(at + 1)..]);
    }

    private Guid? FromMessageId(string? messageId)
    {
        if (string.IsNullOrWhiteSpace(messageId))
        {
            return null;
        }

        var value = messageId.Trim().Trim('<', '>');
        var at = value.IndexOf('@');
        return at == 32 && string.Equals(value[(at + 1)..], messageIdDomain, StringComparison.OrdinalIgnoreCase)
            && Guid.TryParseExact(value[..at], "N", out var id) ? id : null;
    }

    /// <summary>The value of a typed DSN field (<c>rfc822; a@b</c>, <c>dns; mx.example</c>, <c>smtp; 550 …</c>) without its type.</summary>
    private static string? TypedValue(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return null;
        }

        var semicolon = field.IndexOf(';');
        return Clean(semicolon >= 0 ? field[(semicolon + 1)..] : field);
    }

    private static string? StatusCode(string? status) =>
        status is null ? null : EnhancedStatus().Match(status) is { Success: true } m ? m.Value : null;

    private static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var collapsed = Whitespace().Replace(value, " ").Trim();
        return collapsed.Length > 1000 ? collapsed[..1000] : collapsed;
    }

    [GeneratedRegex(@"\b[245]\.\d{1,3}\.\d{1,3}\b")]
    private static partial Regex EnhancedStatus();

    [GeneratedRegex(@"(?<![\d.])([45])\d\d(?=[\s-])")]
    private static partial Regex BasicSmtpCode();

    [GeneratedRegex(@"permanent (error|failure)|error permanente|fallo permanente|does not exist|no existe|user unknown|unknown user|mailbox unavailable", RegexOptions.IgnoreCase)]
    private static partial Regex PermanentWording();

    [GeneratedRegex(@"temporary (error|failure|problem)|error temporal|has not yet been delivered|not been delivered yet|delayed|will (continue|keep) trying|still trying|seguir[aá] intentando|retrasad", RegexOptions.IgnoreCase)]
    private static partial Regex TemporaryWording();

    [GeneratedRegex(@"^(failure notice|undeliver|returned mail|mail delivery (failed|failure|system)|delivery (status notification|failure|has failed)|non[- ]?delivery|mensaje no entregado|no se pudo entregar|no se puede entregar|error de entrega|devuelto)", RegexOptions.IgnoreCase)]
    private static partial Regex BounceSubject();

    [GeneratedRegex(@"^(auto(matic)?[ -]?(reply|response)|auto:|respuesta autom[aá]tica|fuera de la oficina|out of (the )?office|ausente|autoreply)", RegexOptions.IgnoreCase)]
    private static partial Regex AutoReplySubject();

    [GeneratedRegex(@"<(?<host>[A-Za-z0-9.-]+) #(?<code>[245]\.\d{1,3}\.\d{1,3})\s*(?<diag>[^>]*)>")]
    private static partial Regex ExchangeDiagnostic();

    [GeneratedRegex(@"Remote host said:\s*(?<diag>.+?)(?:\n\s*\n|\nGiving up|$)", RegexOptions.Singleline)]
    private static partial Regex RemoteSaid();

    [GeneratedRegex(@"SMTP error from remote (mail server|mailer) after [^:]+:(<[^>]*>:)?\s*(?<diag>.+?)(?:\n\s*\n|$)", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex SmtpError();

    [GeneratedRegex(@"host (?<name>[A-Za-z0-9.-]+)\s*\[(?<ip>[0-9A-Fa-f:.]+)\]")]
    private static partial Regex EximHost();

    [GeneratedRegex(@"(?:Giving up on |^)(?<ip>\d{1,3}(?:\.\d{1,3}){3})(?:\.| does not like)", RegexOptions.Multiline)]
    private static partial Regex QmailHost();

    [GeneratedRegex(@"^\s*<([^<>\s@]+@[^<>\s]+)>\s*:", RegexOptions.Multiline)]
    private static partial Regex AngleRecipientLine();

    [GeneratedRegex(@"^[ \t]+([^<>\s@]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})\s*(?:on .*)?$", RegexOptions.Multiline)]
    private static partial Regex IndentedAddressLine();

    [GeneratedRegex(@"Message-Id:\s*<([^<>\s]+)>", RegexOptions.IgnoreCase)]
    private static partial Regex QuotedMessageId();

    [GeneratedRegex(@"X-Cartero-Id:\s*([0-9A-Fa-f-]{36})", RegexOptions.IgnoreCase)]
    private static partial Regex QuotedLogId();

    [GeneratedRegex(@"^(?<local>[^+@\s]+)\+(?<id>[0-9A-Fa-f]{32})@(?<domain>[^@\s]+)$")]
    private static partial Regex VerpAddress();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex HtmlTags();
}
