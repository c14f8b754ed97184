using Cartero.Platform.Cli;
using Cartero.Sri;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Invoicing;

/// <summary>
/// <c>sri clave|validar|ride …</c>: the support staff's tools over SRI files (a clave de acceso, a comprobante,
/// reproducing a lost RIDE from the XML the buyer or the SRI holds).
/// </summary>
internal sealed class SriVerb(IOptions<SriOptions> options) : ICliVerb
{
    public IReadOnlyList<string> Words { get; } = ["sri"];

    public string Usage => "sri clave <clave> | sri validar <archivo.xml> | sri ride <archivo.xml> <salida.pdf>";

    public bool UsesDatabase => false;

    public Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        SriOperatorCommands.RunAsync([.. arguments], output, error, Path.GetFullPath(options.Value.SchemaDirectory), cancellationToken);
}
