namespace Cartero.Features.Alerts;

/// <summary>What the current person should be warned about on any page.</summary>
public sealed record PanelAlerts(IReadOnlyList<FailedSendAlert> MyFailures, string? AccountPaused, string? FailureRate)
{
    /// <summary>For admins: the signing certificate about to expire, invoices the SRI refused or that cannot be signed.</summary>
    public IReadOnlyList<string> Invoicing { get; init; } = [];

    public bool Any => MyFailures.Count > 0 || AccountPaused is not null || FailureRate is not null || Invoicing.Count > 0;
}

/// <summary>A failed send the person originated, with what they need to act on it.</summary>
public sealed record FailedSendAlert(Guid Id, string To, string Subject, string? Error)
{
    public string? Type { get; init; }
    public string? EntityType { get; init; }
    public string? EntityId { get; init; }

    /// <summary>Where the person acts on it: the send log's detail, or (for a seller) the sale page; null when they have none to open.</summary>
    public string? Link { get; init; } = $"/correos/{Id}";

    /// <summary>The failure in plain Spanish for people who do not read SMTP replies; null shows <see cref="Error"/>.</summary>
    public string? Reason { get; init; }

    /// <summary>The recipient is on the suppression list (see Features/Tracking).</summary>
    public bool Suppressed => Error?.StartsWith("Dirección suprimida", StringComparison.Ordinal) == true;

    /// <summary>An invoice that could not reach its buyer: the law requires it to, so the person is offered to correct the address.</summary>
    public string? InvoiceId => Type == "factura" && EntityType == "factura" ? EntityId : null;
}
