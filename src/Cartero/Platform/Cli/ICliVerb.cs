namespace Cartero.Platform.Cli;

/// <summary>
/// An operator verb run through the app's binary (<c>dotnet run --project src/Cartero -- apikey create --name erp</c>).
/// Features register theirs with <see cref="CliModule.AddCliVerb{T}"/>; the verb runs with the app's services
/// after migrations (unless <see cref="UsesDatabase"/> says it needs none), and the process exits with its return code.
/// </summary>
public interface ICliVerb
{
    /// <summary>The words that select this verb, e.g. <c>["apikey", "create"]</c>.</summary>
    IReadOnlyList<string> Words { get; }

    /// <summary>One line for the help listing.</summary>
    string Usage { get; }

    /// <summary>
    /// Whether the verb reads or writes the database. Verbs that do not (the SRI tools) run without creating or
    /// migrating one, so they can be used on any machine.
    /// </summary>
    bool UsesDatabase => true;

    /// <summary>Runs with the arguments after <see cref="Words"/>; output the operator reads goes to <paramref name="output"/>.</summary>
    Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken);
}
