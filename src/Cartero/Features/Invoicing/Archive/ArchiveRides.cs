namespace Cartero.Features.Invoicing.Archive;

/// <summary>The RIDE of one archived comprobante, or why it could not be drawn: one bad document must not cut the archive short.</summary>
internal static class ArchiveRides
{
    public static async Task<(byte[]? Pdf, string? Error)> TryRenderAsync(
        RideRenderer rides, string establishment, string emissionPoint, byte[] xml, string? mark, CancellationToken cancellationToken)
    {
        try
        {
            return (await rides.RenderAsync(establishment, emissionPoint, xml, cancellationToken, mark), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever the renderer met (an XML it cannot read, a broken layout or logo), the other documents still go in.
            return (null, ex.Message);
        }
    }
}
