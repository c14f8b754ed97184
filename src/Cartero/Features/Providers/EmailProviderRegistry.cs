namespace Cartero.Features.Providers;

/// <summary>Finds the <see cref="IEmailProvider"/> for an account's provider code.</summary>
public sealed class EmailProviderRegistry(IEnumerable<IEmailProvider> providers)
{
    private readonly Dictionary<string, IEmailProvider> _byKind = providers.ToDictionary(p => p.Kind, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Kinds => _byKind.Keys;

    public IEmailProvider Get(string kind) =>
        _byKind.TryGetValue(kind, out var provider)
            ? provider
            : throw new InvalidOperationException(
                $"Proveedor de correo desconocido '{kind}'. Configure uno de: {string.Join(", ", _byKind.Keys.Order(StringComparer.Ordinal))}.");
}
