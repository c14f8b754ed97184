namespace Cartero.Features.Store;

/// <summary>The codes of <c>producto.categoria</c>.</summary>
public static class ProductCategories
{
    public const string Armazon = "armazon";
    public const string Lente = "lente";
    public const string LenteContacto = "lente_contacto";
    public const string Solucion = "solucion";
    public const string Servicio = "servicio";

    public static readonly IReadOnlyList<string> All = [Armazon, Lente, LenteContacto, Solucion, Servicio];

    public static string Label(string code) => code switch
    {
        Armazon => "Armazón",
        Lente => "Lente",
        LenteContacto => "Lente de contacto",
        Solucion => "Solución",
        Servicio => "Servicio",
        _ => code,
    };
}
