namespace Cartero.Bench;

internal static class BenchPaths
{
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Cartero.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("No se encontró la raíz del repositorio (Cartero.slnx).");
    }

    /// <summary>
    /// The SRI's XSD folder: shared between worktrees, so it lives beside the repository (or further up)
    /// rather than inside it.
    /// </summary>
    public static string SriSchemaDirectory(string repositoryRoot)
    {
        for (var dir = new DirectoryInfo(repositoryRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "sri", "xsd");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return "/work/shared/sri/xsd";
    }

    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
