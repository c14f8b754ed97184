namespace Cartero.Tests.Infrastructure;

/// <summary>Where the repository (and the shared folder beside it) are, found from the test binaries.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The <c>shared</c> folder next to the repository (SRI schemas and WSDLs).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Cartero.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("No se encontró Cartero.slnx encima de " + AppContext.BaseDirectory);
    }
}
