namespace Cartero.Features.Sending;

/// <summary>The states of a row of <c>log_envio_correo</c>; stored as the Spanish codes of <see cref="EmailStatusCodes"/>.</summary>
public enum EmailStatus
{
    EnCola,
    Enviando,
    Reintento,
    Enviado,
    Entregado,
    Abierto,
    Fallido,
    Rebotado,
    Cancelado,
}
