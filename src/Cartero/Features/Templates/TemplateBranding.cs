namespace Cartero.Features.Templates;

/// <summary><c>Cartero:Marca</c>: the business name and footer every email shows.</summary>
public sealed class TemplateBranding
{
    public string Nombre { get; set; } = "Óptica";

    public string Pie { get; set; } = "Este es un mensaje automático; por favor no responda a esta dirección.";
}
