using Cartero.Platform.Auth;
using Cartero.Platform.Cli;

namespace Cartero.Features.ApiKeys;

/// <summary>Who runs an operator verb, as recorded in the audit trail.</summary>
internal static class CliActor
{
    public static RequestActor Current => new($"cli:{Environment.UserName}", null, true);

    public static string? Option(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (string.Equals(args[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return args[i + 1];
            }
        }

        return null;
    }
}

/// <summary><c>apikey create --name NAME [--admin]</c>: prints the new key once, as the last line.</summary>
internal sealed class ApiKeyCreateVerb(ApiKeyService keys) : ICliVerb
{
    public IReadOnlyList<string> Words { get; } = ["apikey", "create"];

    public string Usage => "apikey create --name NOMBRE [--admin]   crea una clave de API y la muestra una sola vez";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var name = CliActor.Option(arguments, "--name");
        if (string.IsNullOrWhiteSpace(name))
        {
            await error.WriteLineAsync("Uso: " + Usage);
            return 2;
        }

        try
        {
            var (key, secret) = await keys.CreateAsync(name, arguments.Contains("--admin"), CliActor.Current, cancellationToken);
            await output.WriteLineAsync($"Clave '{key.Name}'{(key.IsAdmin ? " (administración)" : "")} creada. Guárdela ahora: no se volverá a mostrar.");
            await output.WriteLineAsync(secret);
            return 0;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}

/// <summary><c>apikey revoke --name NAME</c>.</summary>
internal sealed class ApiKeyRevokeVerb(ApiKeyService keys) : ICliVerb
{
    public IReadOnlyList<string> Words { get; } = ["apikey", "revoke"];

    public string Usage => "apikey revoke --name NOMBRE   revoca una clave de API";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var name = CliActor.Option(arguments, "--name");
        if (string.IsNullOrWhiteSpace(name))
        {
            await error.WriteLineAsync("Uso: " + Usage);
            return 2;
        }

        if (!await keys.RevokeAsync(name, CliActor.Current, cancellationToken))
        {
            await error.WriteLineAsync($"No hay una clave activa llamada '{name}'.");
            return 1;
        }

        await output.WriteLineAsync($"Clave '{name}' revocada.");
        return 0;
    }
}

/// <summary><c>apikey list</c>: names, prefixes and state, never the keys.</summary>
internal sealed class ApiKeyListVerb(ApiKeyService keys) : ICliVerb
{
    public IReadOnlyList<string> Words { get; } = ["apikey", "list"];

    public string Usage => "apikey list   lista las claves de API (sin mostrarlas)";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        foreach (var k in await keys.ListAsync(cancellationToken))
        {
            await output.WriteLineAsync($"{k.Name,-24} {k.Prefix}…  {(k.IsAdmin ? "admin" : "correo"),-7} {(k.RevokedAt is null ? "activa" : "revocada"),-9} creada {k.CreatedAt:yyyy-MM-dd} último uso {k.LastUsedAt?.ToString("yyyy-MM-dd HH:mm") ?? "nunca"}");
        }

        return 0;
    }
}
