namespace Cartero.Features.Invoicing;

/// <summary>Why an authorised invoice counts as not delivered to its buyer (the codes the list and its filter use).</summary>
public static class UndeliveredReasons
{
    public const string SinCorreo = "sin_correo";
    public const string Rechazado = "rechazado";
    public const string Fallido = "fallido";
    public const string Rebotado = "rebotado";
    public const string NoEnviado = "no_enviado";
    public const string SinConfirmar = "sin_confirmar";

    public static readonly IReadOnlyList<string> All = [SinCorreo, Rechazado, Fallido, Rebotado, NoEnviado, SinConfirmar];

    public static string Label(string code) => code switch
    {
        SinCorreo => "Sin correo del comprador",
        Rechazado => "Correo rechazado por el control de cumplimiento",
        Fallido => "El envío falló",
        Rebotado => "El correo rebotó",
        NoEnviado => "Correo no enviado (cancelado o dirección suprimida)",
        SinConfirmar => "Sin confirmación de entrega",
        _ => code,
    };

    /// <summary>True for an empty filter (every reason, <paramref name="reason"/> null) or a known code.</summary>
    public static bool TryParse(string? value, out string? reason)
    {
        reason = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        return reason is null || All.Contains(reason);
    }
}
