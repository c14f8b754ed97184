namespace Cartero.Features.Clinical;

/// <summary>The codes of <c>consentimiento_clinico.medio</c>.</summary>
public static class ConsentMethods
{
    public const string SignedForm = "formulario_firmado";
    public const string VerbalAtCounter = "verbal_en_mostrador";

    public static readonly IReadOnlyList<string> All = [SignedForm, VerbalAtCounter];

    public static string Describe(string method) => method switch
    {
        SignedForm => "formulario firmado",
        VerbalAtCounter => "verbal en el mostrador",
        _ => method,
    };
}
