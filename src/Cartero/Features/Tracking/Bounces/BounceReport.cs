namespace Cartero.Features.Tracking.Bounces;

/// <summary>
/// One message of the bounce mailbox as Cartero understood it: which email it is about (if any), what kind of
/// report it is, and the receiving side's own words.
/// </summary>
public sealed record BounceReport
{
    public required BounceKind Kind { get; init; }
    /// <summary>The <c>log_envio_correo</c> row the report is about, or null when nothing tied it to one.</summary>
    public Guid? EmailId { get; init; }
    /// <summary>How <see cref="EmailId"/> was found: <c>verp</c>, <c>message-id</c>, <c>in-reply-to</c> or <c>texto</c>.</summary>
    public string? MatchedBy { get; init; }
    public string? Recipient { get; init; }
    /// <summary>The enhanced status code (RFC 3463), e.g. <c>5.1.1</c>.</summary>
    public string? Status { get; init; }
    public string? DiagnosticCode { get; init; }
    public string? RemoteMta { get; init; }
    public string? ReportingMta { get; init; }
    public string? Subject { get; init; }
    /// <summary>The Message-Id of the report itself (not of the email it is about).</summary>
    public string? ReportMessageId { get; init; }
    public DateTimeOffset? Date { get; init; }

    /// <summary>A one-line Spanish account for the event row and the status page.</summary>
    public string Describe()
    {
        var what = Kind switch
        {
            BounceKind.Hard => "Rebote definitivo",
            BounceKind.Soft => "Rebote temporal (el servidor receptor sigue intentando)",
            BounceKind.AutoReply => "Respuesta automática del destinatario",
            BounceKind.Delivered => "Aviso de entrega",
            _ => "Mensaje no reconocido",
        };
        var parts = new List<string> { what };
        if (Status is not null)
        {
            parts.Add($"estado {Status}");
        }

        if (Recipient is not null)
        {
            parts.Add($"destinatario {Recipient}");
        }

        if (RemoteMta is not null)
        {
            parts.Add($"servidor remoto {RemoteMta}");
        }

        if (DiagnosticCode is not null)
        {
            parts.Add($"diagnóstico: {DiagnosticCode}");
        }
        else if (Kind == BounceKind.AutoReply && Subject is not null)
        {
            parts.Add($"asunto: {Subject}");
        }

        return string.Join("; ", parts);
    }
}
