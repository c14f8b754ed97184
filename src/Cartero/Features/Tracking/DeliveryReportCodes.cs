namespace Cartero.Features.Tracking;

/// <summary>The stored codes of report kinds and sources, and how a person reads them.</summary>
public static class DeliveryReportCodes
{
    private static readonly Dictionary<DeliveryReportKind, (string Code, string Label)> Kinds = new()
    {
        [DeliveryReportKind.Delivered] = ("entregado", "Entregado"),
        [DeliveryReportKind.Opened] = ("abierto", "Abierto"),
        [DeliveryReportKind.BouncedHard] = ("rebote_duro", "Rebote permanente"),
        [DeliveryReportKind.DeferredSoft] = ("diferido", "Entrega diferida (rebote temporal)"),
        [DeliveryReportKind.Dropped] = ("no_entregado", "No entregado (descartado por el proveedor o bloqueado por el servidor receptor)"),
        [DeliveryReportKind.SpamReport] = ("reporte_spam", "Marcado como spam por el destinatario"),
        [DeliveryReportKind.Unsubscribe] = ("baja", "El destinatario se dio de baja"),
        [DeliveryReportKind.Click] = ("clic", "Clic en un enlace"),
        [DeliveryReportKind.AutoReply] = ("respuesta_automatica", "Respuesta automática"),
        [DeliveryReportKind.Resubscribe] = ("nueva_suscripcion", "El destinatario volvió a suscribirse"),
        [DeliveryReportKind.Unknown] = ("desconocido", "Reporte de tipo desconocido"),
    };

    private static readonly Dictionary<DeliveryReportSource, (string Code, string Label)> Sources = new()
    {
        [DeliveryReportSource.Webhook] = ("webhook", "webhook del proveedor"),
        [DeliveryReportSource.Dsn] = ("dsn", "aviso de entrega (DSN)"),
        [DeliveryReportSource.Pixel] = ("pixel", "píxel de apertura"),
    };

    private static readonly Dictionary<string, DeliveryReportKind> KindByCode = Kinds.ToDictionary(p => p.Value.Code, p => p.Key, StringComparer.Ordinal);
    private static readonly Dictionary<string, DeliveryReportSource> SourceByCode = Sources.ToDictionary(p => p.Value.Code, p => p.Key, StringComparer.Ordinal);

    public static string ToCode(this DeliveryReportKind kind) => Kinds[kind].Code;

    public static string ToLabel(this DeliveryReportKind kind) => Kinds[kind].Label;

    public static string ToCode(this DeliveryReportSource source) => Sources[source].Code;

    public static string ToLabel(this DeliveryReportSource source) => Sources[source].Label;

    public static DeliveryReportKind ParseKind(string code) => KindByCode.TryGetValue(code, out var k) ? k : DeliveryReportKind.Unknown;

    public static DeliveryReportSource ParseSource(string code) =>
        SourceByCode.TryGetValue(code, out var s) ? s : throw new ArgumentException($"Origen de reporte desconocido '{code}'.", nameof(code));

    /// <summary>The actor written on the event of a report: the source, so the history says who reported it.</summary>
    public static string ActorOf(DeliveryReportSource source) => $"seguimiento:{source.ToCode()}";
}
