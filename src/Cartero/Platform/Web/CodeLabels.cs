using System.Globalization;
using System.Text.RegularExpressions;
using Cartero.Features.Invoicing;
using Cartero.Features.Sending.Worker;

namespace Cartero.Platform.Web;

/// <summary>
/// The one catalogue of how a person reads the stored codes (email states and types, origins, invoice and
/// lens-order states, event kinds, worker ids). Pages and the human columns of exports use it; the codes themselves
/// stay as stored. An unknown code (a template type added as a file, a state from a newer version) is shown
/// readably rather than hidden.
/// </summary>
public static partial class CodeLabels
{
    /// <summary>What a person sees in place of a send slot's lease owner.</summary>
    public const string Worker = "Proceso de envío";

    private static readonly Dictionary<string, string> EmailStates = new(StringComparer.Ordinal)
    {
        ["en_cola"] = "En cola",
        ["enviando"] = "Enviando",
        ["reintento"] = "Reintento programado",
        ["enviado"] = "Enviado",
        ["entregado"] = "Entregado",
        ["abierto"] = "Abierto",
        ["fallido"] = "Fallido",
        ["rebotado"] = "Rebotado",
        ["cancelado"] = "Cancelado",
    };

    private static readonly Dictionary<string, string> EmailTypes = new(StringComparer.Ordinal)
    {
        ["factura"] = "Factura electrónica",
        ["nota_credito"] = "Nota de crédito",
        ["comprobante"] = "Comprobante de venta",
        ["alerta_stock"] = "Alerta de stock",
        ["pedido"] = "Aviso de pedido",
        ["notificacion_clinica"] = "Documento clínico",
        ["recuperacion_contrasena"] = "Recuperación de contraseña",
        ["aviso_administrativo"] = "Aviso administrativo",
        ["prueba"] = "Prueba de envío",
    };

    private static readonly Dictionary<string, string> Origins = new(StringComparer.Ordinal)
    {
        ["manual"] = "Manual (desde el panel)",
        ["automatico"] = "Automático",
        ["api"] = "API (sistema externo)",
    };

    private static readonly Dictionary<string, string> InvoiceStates = new(StringComparer.Ordinal)
    {
        ["generada"] = "Generada",
        ["firmada"] = "Firmada",
        ["enviada_sri"] = "Enviada al SRI",
        ["recibida"] = "Recibida por el SRI",
        ["devuelta"] = "Devuelta por el SRI",
        ["autorizada"] = "Autorizada",
        ["no_autorizada"] = "No autorizada",
        ["abandonada"] = "Abandonada",
        ["anulada"] = "Anulada",
    };

    private static readonly Dictionary<string, string> InvoiceMailStates = new(StringComparer.Ordinal)
    {
        ["pendiente"] = "Pendiente (la factura aún no está autorizada)",
        ["encolado"] = "En el registro de envíos",
        ["sin_correo"] = "Sin correo (el comprador no dio dirección)",
        ["rechazado"] = "No enviado (faltan datos o adjuntos obligatorios)",
    };

    // A nota de crédito's mail: the same codes as a factura's, worded for the note.
    private static readonly Dictionary<string, string> CreditNoteMailStates = new(StringComparer.Ordinal)
    {
        ["pendiente"] = "Pendiente (la nota de crédito aún no está autorizada)",
        ["encolado"] = "En el registro de envíos",
        ["sin_correo"] = "Sin correo (el comprador no dio dirección)",
        ["rechazado"] = "No enviado (faltan datos o adjuntos obligatorios)",
    };

    private static readonly Dictionary<string, string> LensOrderStates = new(StringComparer.Ordinal)
    {
        ["registrado"] = "Registrado",
        ["en_laboratorio"] = "En el laboratorio",
        ["listo_para_retirar"] = "Listo para retirar",
        ["entregado"] = "Entregado",
        ["cancelado"] = "Cancelado",
    };

    private static readonly Dictionary<string, string> EventKinds = new(StringComparer.Ordinal)
    {
        ["contenido_depurado"] = "Contenido depurado (retención)",
        ["entregado"] = "Reporte de entrega",
        ["abierto"] = "Apertura",
        ["rebote_duro"] = "Rebote permanente",
        ["diferido"] = "Entrega diferida",
        ["no_entregado"] = "No entregado",
        ["reporte_spam"] = "Marcado como spam",
        ["baja"] = "Baja del destinatario",
        ["clic"] = "Clic en un enlace",
        ["respuesta_automatica"] = "Respuesta automática",
    };

    private static readonly Dictionary<string, string> RecipientKinds = new(StringComparer.Ordinal)
    {
        ["cliente"] = "Cliente",
        ["empleado"] = "Empleado",
        ["externo"] = "Externo",
        ["proveedor"] = "Proveedor",
    };

    public static string EmailState(string? code) => Look(EmailStates, code);

    public static string EmailType(string? code) => Look(EmailTypes, code);

    public static string Origin(string? code) => Look(Origins, code);

    public static string InvoiceState(string? code) => Look(InvoiceStates, code);

    /// <summary>
    /// A history event's state: devuelta is the SRI's answer, except when Cartero itself stopped the comprobante before
    /// signing (its event says so), which the SRI never saw.
    /// </summary>
    public static string InvoiceEventState(string? code, string? detail) =>
        code == "devuelta" && detail?.StartsWith(InvoiceProcessor.StoppedEventDetail, StringComparison.Ordinal) == true
            ? InvoiceProcessor.StoppedEventDetail
            : InvoiceState(code);

    public static string InvoiceMailState(string? code) => Look(InvoiceMailStates, code);

    public static string CreditNoteMailState(string? code) => Look(CreditNoteMailStates, code);

    public static string LensOrderState(string? code) => Look(LensOrderStates, code);

    public static string EventKind(string? code) => Look(EventKinds, code);

    public static string RecipientKind(string? code) => Look(RecipientKinds, code);

    /// <summary>
    /// Who acted on an email, for a person: a send slot (<c>host:pid:instance:slot</c>) is "Proceso de envío", a test
    /// send "Prueba de envío (who)", a tracking source its Spanish name; a person's name stays as it is.
    /// </summary>
    public static string Actor(string? actor)
    {
        if (string.IsNullOrWhiteSpace(actor))
        {
            return "—";
        }

        if (WorkerId().IsMatch(actor))
        {
            return Worker;
        }

        if (actor.StartsWith("prueba:", StringComparison.Ordinal))
        {
            var who = actor["prueba:".Length..];
            var cut = who.LastIndexOf(':');
            return $"Prueba de envío ({(cut > 0 ? who[..cut] : who)})";
        }

        return actor switch
        {
            "seguimiento:webhook" => "Seguimiento (webhook del proveedor)",
            "seguimiento:dsn" => "Seguimiento (aviso de entrega DSN)",
            "seguimiento:pixel" => "Seguimiento (píxel de apertura)",
            _ => actor,
        };
    }

    /// <summary>Whether <paramref name="actor"/> is a send slot's id (kept beside the label for support).</summary>
    public static bool IsWorker(string? actor) => actor is not null && WorkerId().IsMatch(actor);

    private static string Look(Dictionary<string, string> labels, string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return "—";
        }

        if (labels.TryGetValue(code, out var label))
        {
            return label;
        }

        var words = code.Replace('_', ' ');
        return char.ToUpper(words[0], CultureInfo.GetCultureInfo("es-EC")) + words[1..];
    }

    // EmailDispatcher's owners: machine:pid:6 hex:slot.
    [GeneratedRegex(@"^[^:\s]+:\d+:[0-9a-f]{6}:\d+$")]
    private static partial Regex WorkerId();
}
