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

    private static readonly Lazy<string> RaizTemporal = new(() =>
    {
        var raiz = Path.Combine(Path.GetTempPath(), "cartero-sri-tests", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(raiz);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(raiz, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover temp folder is harmless.
            }
        };
        return raiz;
    });

    public static string CarpetaTemporal()
    {
        var path = Path.Combine(RaizTemporal.Value, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
