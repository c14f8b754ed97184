namespace Cartero.Features.Invoicing;

/// <summary>What became of the invoice email (<c>factura.estado_correo</c>).</summary>
public static class InvoiceMailStatus
{
    /// <summary>Not yet due: the invoice is not authorised.</summary>
    public const string Pendiente = "pendiente";

    /// <summary>Enqueued in <c>log_envio_correo</c> (see <c>correo_id</c>).</summary>
    public const string Encolado = "encolado";

    /// <summary>The buyer gave no email (consumidor final): recorded as not sent.</summary>
    public const string SinCorreo = "sin_correo";

    /// <summary>The compliance check refused the message (a mandatory datum or attachment missing).</summary>
    public const string Rechazado = "rechazado";
}
