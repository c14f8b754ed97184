namespace Cartero.Features.Invoicing;

/// <summary>The codes <c>factura.estado</c> stores, and the API shows.</summary>
public static class InvoiceStatusCodes
{
    private static readonly Dictionary<InvoiceStatus, string> Codes = new()
    {
        [InvoiceStatus.Generada] = "generada",
        [InvoiceStatus.Firmada] = "firmada",
        [InvoiceStatus.EnviadaSri] = "enviada_sri",
        [InvoiceStatus.Recibida] = "recibida",
        [InvoiceStatus.Devuelta] = "devuelta",
        [InvoiceStatus.Autorizada] = "autorizada",
        [InvoiceStatus.NoAutorizada] = "no_autorizada",
        [InvoiceStatus.Abandonada] = "abandonada",
        [InvoiceStatus.Anulada] = "anulada",
    };

    private static readonly Dictionary<string, InvoiceStatus> ByCode = Codes.ToDictionary(c => c.Value, c => c.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => ByCode.Keys;

    public static string ToCode(this InvoiceStatus status) => Codes[status];

    public static bool TryParse(string? code, out InvoiceStatus status) => ByCode.TryGetValue(code ?? "", out status);

    public static InvoiceStatus Parse(string code) =>
        ByCode.TryGetValue(code, out var status) ? status : throw new FormatException($"Estado de factura desconocido: «{code}».");
}
