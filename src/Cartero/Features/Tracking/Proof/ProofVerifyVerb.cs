using Cartero.Platform.Cli;

namespace Cartero.Features.Tracking.Proof;

/// <summary><c>proof verify &lt;archivo&gt;</c>: exit 0 when the PDF or JSON proof is untouched, 1 saying in Spanish what failed, 2 for bad use.</summary>
internal sealed class ProofVerifyVerb(ProofSigner signer) : ICliVerb
{
    public IReadOnlyList<string> Words { get; } = ["proof", "verify"];

    public string Usage => "proof verify <archivo>   comprueba una constancia de envío (.pdf o .json) descargada del detalle de un correo";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (arguments.Count != 1)
        {
            await error.WriteLineAsync("Uso: proof verify <archivo>   (el .pdf o el .json de la constancia, no el .zip: descomprímalo antes)");
            return 2;
        }

        var path = arguments[0];
        byte[] file;
        try
        {
            file = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"No se pudo leer '{path}': {ex.Message}. Revise la ruta y los permisos del archivo.");
            return 2;
        }

        var result = signer.Verify(file);
        if (result.Valid)
        {
            await output.WriteLineAsync(result.EmailId is { } id ? $"{result.Message} Correo {id}." : result.Message);
            return 0;
        }

        await error.WriteLineAsync($"{path}: {result.Message}");
        return 1;
    }
}
