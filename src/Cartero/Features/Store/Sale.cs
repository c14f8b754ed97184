namespace Cartero.Features.Store;

/// <summary>A sale finished at the counter (<c>venta</c>): its lines, payments, totals computed by Cartero.Sri, and its mail.</summary>
public sealed class Sale
{
    public Guid Id { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The seller's user id: who may see and retry this sale's mail.</summary>
    public Guid SellerId { get; set; }
    /// <summary>The seller's sign-in name, recorded as <c>originado_por</c> of the sale's mail.</summary>
    public required string SellerName { get; set; }
    /// <summary>Null for consumidor final.</summary>
    public Guid? CustomerId { get; set; }
    public decimal Subtotal { get; set; }
    public decimal Discount { get; set; }
    public decimal Tax { get; set; }
    public decimal Total { get; set; }
    /// <summary>Whether the seller asked to mail the comprobante, and to which address.</summary>
    public bool SendMail { get; set; }
    public string? MailAddress { get; set; }
    /// <summary>The sale left some stock below zero because the seller explicitly allowed it (audited).</summary>
    public bool StockOverride { get; set; }
    /// <summary>The electronic invoice this sale became, when invoicing is configured.</summary>
    public Guid? InvoiceId { get; set; }
    /// <summary>Why no invoice could be issued (the receipt went instead).</summary>
    public string? InvoiceError { get; set; }
    /// <summary>The latest receipt mail (<c>comprobante</c>) of this sale; invoice mail is found through the invoice.</summary>
    public Guid? EmailId { get; set; }
    public List<SaleLine> Lines { get; set; } = [];
    public List<SalePayment> Payments { get; set; } = [];

    /// <summary>Short number shown at the counter and on the receipt.</summary>
    public string Number => "V-" + Id.ToString("N")[^8..].ToUpperInvariant();
}
