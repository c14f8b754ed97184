namespace Cartero.Features.Clinical;

/// <summary>The codes of <c>documento_clinico.tipo</c>.</summary>
public static class ClinicalDocumentKinds
{
    public const string Prescription = "receta";
    public const string UploadedPdf = "pdf_subido";

    public static string Describe(string kind) => kind == Prescription ? "Receta" : "Documento PDF";
}
