namespace Cartero.Features.Tracking.Proof;

/// <summary>A proof as handed out: its content, the signed JSON file, the signed PDF file and the JSON's code.</summary>
public sealed record SignedProof(DeliveryProof Proof, byte[] Json, byte[] Pdf, string Code)
{
    public string FileStem => $"constancia-{Proof.EmailId}";
}
