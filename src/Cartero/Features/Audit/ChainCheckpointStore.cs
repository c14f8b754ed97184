using System.Text;
using System.Text.Json;
using Cartero.Platform;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Audit;

/// <summary>
/// The checkpoint log outside the database: append-only JSON lines, owner-only (0600) in an owner-only folder. Each line
/// is written with one write under an exclusive lock, so instances sharing the file never interleave or overwrite.
/// </summary>
public sealed class ChainCheckpointStore(IOptions<AuditOptions> options, DataDirectory data, ChainKeys keys)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public string FilePath { get; } = Path.GetFullPath(options.Value.CheckpointFile ?? Path.Combine(data.Root, "auditoria", "puntos-de-control.jsonl"));

    public async Task AppendAsync(ChainCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(checkpoint, Json) + "\n");
        await Gate.WaitAsync(cancellationToken);
        try
        {
            var folder = Path.GetDirectoryName(FilePath)!;
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            // Exclusive while appending (an advisory lock on Unix): instances sharing the file never write over each other.
            var stream = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                stream.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using (var file = await OpenAsync(() => new FileStream(FilePath, stream), cancellationToken))
            {
                await file.WriteAsync(line, cancellationToken);
                await file.FlushAsync(cancellationToken);
            }

            if (!OperatingSystem.IsWindows())
            {
                // A file made by hand or restored from a backup may have come with wider permissions.
                File.SetUnixFileMode(FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Opens the file, waiting briefly while another instance appends to it.</summary>
    private static async Task<FileStream> OpenAsync(Func<FileStream> open, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return open();
            }
            catch (IOException ex) when (attempt < 100 && ex is not FileNotFoundException and not DirectoryNotFoundException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            }
        }
    }

    /// <summary>Every checkpoint whose signature holds, oldest first, and the numbers of the lines that are damaged or altered.</summary>
    public async Task<(IReadOnlyList<ChainCheckpoint> Checkpoints, IReadOnlyList<int> BadLines)> ReadAsync(CancellationToken cancellationToken)
    {
        var checkpoints = new List<ChainCheckpoint>();
        var bad = new List<int>();
        if (!File.Exists(FilePath))
        {
            return (checkpoints, bad);
        }

        using var reader = new StreamReader(await OpenAsync(() => new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.Read), cancellationToken));
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            ChainCheckpoint? checkpoint = null;
            try
            {
                checkpoint = JsonSerializer.Deserialize<ChainCheckpoint>(line, Json);
            }
            catch (JsonException)
            {
            }

            if (checkpoint is { KeyId: { } id, AuditHead: not null, Invoices: not null, Emails: not null, Mac: not null } && keys.TryGet(id, out var key) && ChainMac.Same(checkpoint.ComputeMac(key), checkpoint.Mac))
            {
                checkpoints.Add(checkpoint);
            }
            else
            {
                bad.Add(number);
            }
        }

        return (checkpoints, bad);
    }
}
