namespace Cartero.Features.Store;

/// <summary><c>Cartero:Store</c>: what the store's mail says about the shop, and who else hears about low stock.</summary>
public sealed class StoreOptions
{
    /// <summary>The admin address that gets every stock alert besides the <c>gerente</c> users.</summary>
    public string? AdminAddress { get; set; }

    /// <summary>The branch named in stock alerts and order notices.</summary>
    public string BranchName { get; set; } = "Matriz";

    /// <summary>
    /// Issuer named on receipts while invoicing is not configured and no brand is set in the panel (the invoicing
    /// settings, then the brand setting, win when present; see <see cref="StoreIssuer"/>).
    /// </summary>
    public string BusinessName { get; set; } = "Óptica";

    public string Ruc { get; set; } = "";

    /// <summary>How many times a customer may ask "Reenviarme" per hour.</summary>
    public int ResendsPerHour { get; set; } = 3;
}
