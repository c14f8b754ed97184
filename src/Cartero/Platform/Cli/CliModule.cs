using Cartero.Platform.Data;

namespace Cartero.Platform.Cli;

/// <summary>Finds the operator verb named on the command line and runs it instead of the web host.</summary>
public static class CliModule
{
    public static IServiceCollection AddCliVerb<T>(this IServiceCollection services) where T : class, ICliVerb =>
        services.AddScoped<ICliVerb, T>();

    /// <summary>Whether the first argument looks like a verb rather than a host option (<c>--urls</c> and the like).</summary>
    public static bool IsVerb(string[] args) => args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=');

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };

        await using var scope = services.CreateAsyncScope();
        var verbs = scope.ServiceProvider.GetServices<ICliVerb>().ToList();
        var verb = verbs
            .Where(v => v.Words.Count <= args.Length && v.Words.Select((w, i) => string.Equals(w, args[i], StringComparison.OrdinalIgnoreCase)).All(m => m))
            .MaxBy(v => v.Words.Count);
        if (verb is null)
        {
            await error.WriteLineAsync($"Orden desconocida: '{string.Join(' ', args)}'. Órdenes disponibles:");
            foreach (var v in verbs.OrderBy(v => string.Join(' ', v.Words), StringComparer.Ordinal))
            {
                await error.WriteLineAsync($"  {v.Usage}");
            }

            return 2;
        }

        if (verb.UsesDatabase)
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cts.Token);
        }

        return await verb.RunAsync(args.Skip(verb.Words.Count).ToList(), output, error, cts.Token);
    }
}
