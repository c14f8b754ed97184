namespace Cartero.Features.Store;

/// <summary>A lens order (<c>pedido</c>) sent to a laboratory for a sale, followed until the customer picks it up.</summary>
public sealed class LensOrder
{
    public Guid Id { get; set; }
    public DateTime CreatedAt { get; set; }
    public Guid SaleId { get; set; }
    public Guid CustomerId { get; set; }
    public required string PrescriptionReference { get; set; }
    public required string Laboratory { get; set; }
    /// <summary>One of <see cref="LensOrderStatus"/>.</summary>
    public required string Status { get; set; }
    public DateOnly? EstimatedDate { get; set; }
    /// <summary>Set by the one conditional UPDATE that sends the "ready" mail, so re-marking does not mail again.</summary>
    public bool ReadyMailSent { get; set; }
    public Guid? ReadyEmailId { get; set; }
    public List<LensOrderEvent> Events { get; set; } = [];

    public string Number => "P-" + Id.ToString("N")[^8..].ToUpperInvariant();
}
