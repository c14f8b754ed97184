namespace Cartero.Platform;

/// <summary>
/// Where the app finds its own files (appsettings, wwwroot). A service manager often starts
/// <c>dotnet /opt/cartero/Cartero.dll</c> from <c>/</c>; the host's default (the working directory) would then miss
/// the CSS and the settings. The working directory still wins when it holds the app's files (as with
/// <c>dotnet run --project src/Cartero</c>), and an explicit <c>--contentRoot</c> or environment variable always wins.
/// </summary>
public static class ContentRoot
{
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = Resolve(args, Directory.GetCurrentDirectory(), AppContext.BaseDirectory),
    };

    /// <summary>The folder to use, or null to leave the host's own choice.</summary>
    public static string? Resolve(string[] args, string workingDirectory, string appDirectory)
    {
        var explicitRoot = args.Any(a => a.TrimStart('-').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        if (explicitRoot || File.Exists(Path.Combine(workingDirectory, "appsettings.json")))
        {
            return null;
        }

        return File.Exists(Path.Combine(appDirectory, "appsettings.json")) ? appDirectory : null;
    }
}
