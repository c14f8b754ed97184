namespace Cartero.Features.Store;

/// <summary>The states of a lens order and the moves allowed between them.</summary>
public static class LensOrderStatus
{
    public const string Registrado = "registrado";
    public const string EnLaboratorio = "en_laboratorio";
    public const string ListoParaRetirar = "listo_para_retirar";
    public const string Entregado = "entregado";
    public const string Cancelado = "cancelado";

    public static readonly IReadOnlyList<string> All = [Registrado, EnLaboratorio, ListoParaRetirar, Entregado, Cancelado];

    /// <summary>Forward one step, or cancel before delivery; marking ready again is allowed (it does not resend unless asked).</summary>
    public static bool CanMove(string from, string to) => (from, to) switch
    {
        (Registrado, EnLaboratorio) => true,
        (EnLaboratorio, ListoParaRetirar) => true,
        (ListoParaRetirar, ListoParaRetirar) => true,
        (ListoParaRetirar, Entregado) => true,
        (Registrado or EnLaboratorio or ListoParaRetirar, Cancelado) => true,
        _ => false,
    };

    /// <summary>The state in words, from the one catalogue (<see cref="Platform.Web.CodeLabels"/>) every page uses.</summary>
    public static string Label(string code) => Platform.Web.CodeLabels.LensOrderState(code);

    /// <summary>The state inside a sentence (the customer's notice: "Su pedido 12: listo para retirar").</summary>
    public static string InSentence(string code)
    {
        var label = Label(code);
        return label.Length == 0 ? label : char.ToLower(label[0], System.Globalization.CultureInfo.GetCultureInfo("es-EC")) + label[1..];
    }
}
