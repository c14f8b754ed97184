using System.IO.Compression;
using System.Text;
using Cartero.Platform.Export;

namespace Cartero.Features.Privacy;

/// <summary>Adds documents to the ZIP being streamed, one entry at a time, each written and closed before the next.</summary>
public sealed class ExportFiles
{
    private readonly ZipArchive _archive;
    private readonly DateTimeOffset _stamp;
    private readonly AsyncOnlySink _sink;
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);

    internal ExportFiles(ZipArchive archive, DateTimeOffset stamp, AsyncOnlySink sink)
    {
        _archive = archive;
        _stamp = stamp;
        _sink = sink;
    }

    public int Count => _names.Count;

    public async Task AddAsync(string path, ReadOnlyMemory<byte> content, bool compress, CancellationToken cancellationToken)
    {
        var entry = _archive.CreateEntry(Unique(path), compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
        entry.LastWriteTime = _stamp;
        await using (var stream = await entry.OpenAsync(cancellationToken))
        {
            await stream.WriteAsync(content, cancellationToken);
        }

        await _sink.DrainAsync(cancellationToken);
    }

    public Task AddTextAsync(string path, string content, CancellationToken cancellationToken) =>
        AddAsync(path, new UTF8Encoding(false).GetBytes(content), compress: true, cancellationToken);

    // Two documents may share a printed number (a corrected sale, two attempts): the second gets a suffix, never overwrites.
    private string Unique(string path)
    {
        var candidate = path;
        for (var i = 2; !_names.Add(candidate); i++)
        {
            candidate = Path.ChangeExtension(path, null) + $"-{i}" + Path.GetExtension(path);
        }

        return candidate;
    }
}
