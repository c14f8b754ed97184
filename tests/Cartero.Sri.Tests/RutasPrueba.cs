namespace Cartero.Sri.Tests;

internal static class RutasPrueba
{
    private static readonly Lazy<string> Raiz = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Cartero.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cartero.slnx not found above " + AppContext.BaseDirectory);
    });

    public static string Repositorio => Raiz.Value;

    public static string Esquemas => Path.GetFullPath(Path.Combine(Raiz.Value, "..", "shared", "sri", "xsd"));

    public static string Wsdl => Path.GetFullPath(Path.Combine(Raiz.Value, "..", "shared", "sri", "wsdl"));

    public static SriSchemaValidator Validador { get; } = new(new SriSchemaOptions { SchemaDirectory = Esquemas });

    public static string CarpetaTemporal()
    {
        var path = Path.Combine(Path.GetTempPath(), "cartero-sri-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
