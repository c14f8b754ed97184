namespace Cartero.Pages.Tienda.Ventas;

/// <summary>The counter's sale form: up to <see cref="Rows"/> product lines, one forma de pago, the mail option.</summary>
public sealed class SaleForm
{
    public const int Rows = 5;

    public Guid? CustomerId { get; set; }
    public List<LineForm> Lines { get; set; } = [.. Enumerable.Range(0, Rows).Select(_ => new LineForm())];
    public string PaymentMethod { get; set; } = "01";
    public bool SendMail { get; set; }
    public string? MailAddress { get; set; }
    public bool SaveAddress { get; set; } = true;
    public bool AllowNegativeStock { get; set; }

    /// <summary>One row of the form.</summary>
    public sealed class LineForm
    {
        public Guid? ProductId { get; set; }
        public int? Quantity { get; set; }
        public decimal? Discount { get; set; }
    }
}
