namespace Cartero.Features.Sending;

/// <summary>The Spanish codes auditors read in <c>log_envio_correo.estado</c>, mapped in this one place.</summary>
public static class EmailStatusCodes
{
    private static readonly Dictionary<EmailStatus, string> ToCodeMap = new()
    {
        [EmailStatus.EnCola] = "en_cola",
        [EmailStatus.Enviando] = "enviando",
        [EmailStatus.Reintento] = "reintento",
        [EmailStatus.Enviado] = "enviado",
        [EmailStatus.Entregado] = "entregado",
        [EmailStatus.Abierto] = "abierto",
        [EmailStatus.Fallido] = "fallido",
        [EmailStatus.Rebotado] = "rebotado",
        [EmailStatus.Cancelado] = "cancelado",
    };

    private static readonly Dictionary<string, EmailStatus> FromCodeMap =
        ToCodeMap.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => FromCodeMap.Keys;

    public static string ToCode(this EmailStatus status) => ToCodeMap[status];

    public static EmailStatus Parse(string code) =>
        FromCodeMap.TryGetValue(code, out var status)
            ? status
            : throw new ArgumentException($"Estado desconocido '{code}'. Valores válidos: {string.Join(", ", All)}.", nameof(code));

    public static bool TryParse(string? code, out EmailStatus status) =>
        FromCodeMap.TryGetValue(code ?? "", out status);
}
