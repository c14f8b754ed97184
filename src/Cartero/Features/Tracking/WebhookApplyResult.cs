namespace Cartero.Features.Tracking;

/// <summary>What applying one stored batch did, event by event, summed.</summary>
public sealed record WebhookApplyResult(int Events, int Applied, int Recorded, int Duplicates, int Unmatched, int NotSentYet, int Skipped, int Malformed)
{
    public string Describe() =>
        $"{Events} evento(s): {Applied} cambiaron el estado, {Recorded} quedaron como evento, {Duplicates} repetido(s), " +
        $"{Unmatched} sin correo, {NotSentYet} en espera hasta que su correo se envíe, {Skipped} sin efecto (processed o tipo desconocido), {Malformed} mal formado(s)";
}
