using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cartero.Platform;

namespace Cartero.Features.Sending;

/// <summary>
/// The sent <c>.eml</c> files appended to segment files, <c>sent/&lt;yyyy-MM&gt;/&lt;instance&gt;-&lt;n&gt;.seg</c>: creating
/// one file per message cost more CPU than the rest of a send (docs/performance.md), appending costs next to nothing.
/// Each segment has an append-only index next to it (<c>.idx</c>: one line <c>sha offset length</c> per message, and
/// <c>sealed</c> once the segment is rolled) and a list of purged hashes (<c>.purged</c>). Only the process that created
/// a segment writes its <c>.seg</c> and <c>.idx</c> (the instance id is in the name, new at every start, so instances
/// sharing a data directory never write the same file); the purge (one instance at a time) overwrites a message's bytes
/// with zeros in place and appends its hash to <c>.purged</c>, and deletes a segment once every message in it is purged.
/// Nothing is fsynced per message: a crash may lose the last archived bytes, never the attempt's row, which carries the
/// hash. Every read checks the bytes against the hash, so torn or zeroed bytes are "not stored", never a wrong message.
/// Folders <c>0700</c>, files <c>0600</c>, as the attachment store.
/// </summary>
public sealed partial class SentMessageSegments(string folder, Guid instance, long segmentLimit, TimeProvider time, ILogger<SentMessageSegments> log) : IDisposable
{
    /// <summary>Where a segment is rolled: large enough to keep the file count low, small enough to free disk soon after a purge.</summary>
    public const long DefaultSegmentLimit = 64L << 20;

    private const string SealedLine = "sealed";

    private readonly Lock writeLock = new();
    private readonly Lock readLock = new();
    private readonly Dictionary<string, Segment> known = new(StringComparer.Ordinal);
    private Writer? writer;
    private int sequence;
    private bool disposed;

    public string Folder => folder;

    /// <summary>Appends the bytes of an accepted message; the caller computed <paramref name="sha256"/> from these very bytes.</summary>
    public void Append(ReadOnlySpan<byte> mime, string sha256)
    {
        var sha = Normalise(sha256);
        lock (writeLock)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var month = Month(time.GetUtcNow());
            if (writer is { } open && (open.Month != month || (open.Length > 0 && open.Length + mime.Length > segmentLimit)))
            {
                Seal(open);
                writer = null;
            }

            var current = writer ??= OpenWriter(month);
            try
            {
                var offset = current.Length;
                current.Data.Write(mime);
                current.Length += mime.Length;
                current.Index.Write(Encoding.ASCII.GetBytes(FormattableString.Invariant($"{sha} {offset} {mime.Length}\n")));
            }
            catch
            {
                // Where the failed write left the file is unknown: the next message starts a new segment.
                writer = null;
                current.Dispose();
                throw;
            }
        }
    }

    /// <summary>Whether a message with this hash is stored and its bytes still have that hash.</summary>
    public bool Has(string sha256) => TryRead(Normalise(sha256)) is not null;

    /// <summary>The stored bytes of the message (checked against the hash), or null when it is not stored.</summary>
    public byte[]? TryRead(string sha256)
    {
        var sha = Normalise(sha256);
        foreach (var (path, entry) in Locate(sha))
        {
            if (ReadChecked(path, entry, sha) is { } bytes)
            {
                return bytes;
            }
        }

        return null;
    }

    /// <summary>
    /// Overwrites every stored copy of the message with zeros and records it purged; a segment whose messages are all
    /// purged is deleted once no one appends to it any more. A message not stored here is no error.
    /// </summary>
    public void Purge(string sha256)
    {
        var sha = Normalise(sha256);
        foreach (var (path, entry) in Locate(sha))
        {
            using (var data = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
            {
                var zeros = new byte[Math.Min(entry.Length, 1 << 16)];
                for (var done = 0L; done < entry.Length; done += zeros.Length)
                {
                    RandomAccess.Write(data.SafeFileHandle, zeros.AsSpan(0, (int)Math.Min(zeros.Length, entry.Length - done)), entry.Offset + done);
                }
            }

            // Zeros first, then the record: a crash in between leaves bytes that fail the hash check, i.e. not stored.
            using (var purged = PrivateFiles.CreateFile(Path.ChangeExtension(path, ".purged"), FileMode.Append))
            {
                purged.Write(Encoding.ASCII.GetBytes(sha + "\n"));
            }
        }

        Refresh();
        DeleteEmptySegments();
    }

    private List<(string Path, Entry Entry)> Locate(string sha)
    {
        var found = Find(sha);
        if (found.Count == 0)
        {
            // Another instance may have written or purged it since the last look.
            Refresh();
            found = Find(sha);
        }

        return found;
    }

    private List<(string Path, Entry Entry)> Find(string sha)
    {
        lock (readLock)
        {
            var found = new List<(string, Entry)>();
            foreach (var (path, segment) in known)
            {
                if (segment.Entries.TryGetValue(sha, out var entries) && !segment.Purged.Contains(sha))
                {
                    found.AddRange(entries.Select(e => (path, e)));
                }
            }

            return found;
        }
    }

    /// <summary>Reads what the index files gained since the last look (lines are complete only up to their newline).</summary>
    private void Refresh()
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        lock (readLock)
        {
            var present = new HashSet<string>(StringComparer.Ordinal);
            foreach (var index in Directory.EnumerateFiles(folder, "*.idx", SearchOption.AllDirectories))
            {
                var path = Path.ChangeExtension(index, ".seg");
                present.Add(path);
                if (!known.TryGetValue(path, out var segment))
                {
                    known[path] = segment = new Segment();
                }

                segment.IndexRead = ReadLines(index, segment.IndexRead, line =>
                {
                    if (line == SealedLine)
                    {
                        segment.Sealed = true;
                        return;
                    }

                    var parts = line.Split(' ');
                    if (parts.Length == 3 && parts[0].Length == 64
                        && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                        && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
                    {
                        // The same bytes sent twice (a retry of identical content) are two entries; a purge zeroes both.
                        if (!segment.Entries.TryGetValue(parts[0], out var entries))
                        {
                            segment.Entries[parts[0]] = entries = [];
                        }

                        entries.Add(new Entry(offset, length));
                    }
                });
                segment.PurgedRead = ReadLines(Path.ChangeExtension(index, ".purged"), segment.PurgedRead, line =>
                {
                    if (line.Length == 64)
                    {
                        segment.Purged.Add(line);
                    }
                });
            }

            foreach (var gone in known.Keys.Where(k => !present.Contains(k)).ToList())
            {
                known.Remove(gone);
            }
        }
    }

    private void DeleteEmptySegments()
    {
        var thisMonth = Month(time.GetUtcNow());
        List<string> empty;
        lock (readLock)
        {
            empty = known.Where(k => k.Value.Entries.Count > 0 && k.Value.Entries.Keys.All(k.Value.Purged.Contains)
                    // An unsealed segment of an earlier month is no longer written: its writer rolls at the month's end, or stopped.
                    && (k.Value.Sealed || string.CompareOrdinal(Path.GetFileName(Path.GetDirectoryName(k.Key)), thisMonth) < 0))
                .Select(k => k.Key).ToList();
        }

        lock (writeLock)
        {
            foreach (var path in empty.Where(p => writer?.Path != p))
            {
                // The index first: without it the segment is invisible, and a half-deleted segment is never read.
                File.Delete(Path.ChangeExtension(path, ".idx"));
                File.Delete(path);
                File.Delete(Path.ChangeExtension(path, ".purged"));
                lock (readLock)
                {
                    known.Remove(path);
                }
            }
        }
    }

    private static long ReadLines(string path, long from, Action<string> line)
    {
        byte[] tail;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (file.Length <= from)
            {
                return from;
            }

            tail = new byte[file.Length - from];
            file.Position = from;
            file.ReadExactly(tail);
        }
        catch (FileNotFoundException)
        {
            return from;
        }

        var end = Array.LastIndexOf(tail, (byte)'\n');
        if (end < 0)
        {
            return from;
        }

        foreach (var text in Encoding.ASCII.GetString(tail, 0, end).Split('\n'))
        {
            if (text.Length > 0)
            {
                line(text);
            }
        }

        return from + end + 1;
    }

    private static byte[]? ReadChecked(string path, Entry entry, string sha)
    {
        try
        {
            using var data = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (entry.Offset + entry.Length > data.Length || entry.Length > Array.MaxLength)
            {
                return null;
            }

            var bytes = new byte[entry.Length];
            RandomAccess.Read(data.SafeFileHandle, bytes, entry.Offset);
            return Convert.ToHexStringLower(SHA256.HashData(bytes)) == sha ? bytes : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private Writer OpenWriter(string month)
    {
        var directory = Path.Combine(folder, month);
        PrivateFiles.CreateDirectory(folder);
        PrivateFiles.CreateDirectory(directory);
        var path = Path.Combine(directory, FormattableString.Invariant($"{instance:N}-{++sequence:D4}.seg"));
        var data = Open(path);
        try
        {
            return new Writer(path, month, data, Open(Path.ChangeExtension(path, ".idx")));
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    /// <summary>Unbuffered: each write reaches the kernel at once (readers see it), without an fsync.</summary>
    private static FileStream Open(string path)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.ReadWrite | FileShare.Delete, BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFiles.FileMode;
        }

        return new FileStream(path, options);
    }

    private void Seal(Writer open)
    {
        try
        {
            open.Index.Write(Encoding.ASCII.GetBytes(SealedLine + "\n"));
        }
        catch (IOException ex)
        {
            // Unsealed, the segment is deleted after its month instead of once purged: only later, never wrongly.
            LogNotSealed(log, ex, open.Path);
        }
        finally
        {
            open.Dispose();
        }
    }

    private static string Month(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string Normalise(string sha256) =>
        sha256.Length == 64 && sha256.All(Uri.IsHexDigit)
            ? sha256.ToLowerInvariant()
            : throw new ArgumentException("El identificador del mensaje debe ser un SHA-256 en hexadecimal.", nameof(sha256));

    public void Dispose()
    {
        lock (writeLock)
        {
            if (writer is { } open)
            {
                Seal(open);
                writer = null;
            }

            disposed = true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No se pudo marcar como cerrado el segmento {Path}; se borrará al terminar su mes cuando todo en él esté depurado")]
    private static partial void LogNotSealed(ILogger logger, Exception exception, string path);

    private readonly record struct Entry(long Offset, long Length);

    private sealed class Segment
    {
        public Dictionary<string, List<Entry>> Entries { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Purged { get; } = new(StringComparer.Ordinal);
        public long IndexRead { get; set; }
        public long PurgedRead { get; set; }
        public bool Sealed { get; set; }
    }

    private sealed class Writer(string path, string month, FileStream data, FileStream index) : IDisposable
    {
        public string Path => path;
        public string Month => month;
        public FileStream Data => data;
        public FileStream Index => index;
        public long Length { get; set; }

        public void Dispose()
        {
            data.Dispose();
            index.Dispose();
        }
    }
}
