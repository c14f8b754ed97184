using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cartero.Platform;

namespace Cartero.Features.Sending.Archive;

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

    // The index of every segment, by month folder, read from disk once and then kept current: this process's appends
    // are added as they are written, and a miss looks again only where another instance can still add something (its
    // unsealed segments and the folders of this month and the last). A sealed segment's index never grows, so neither a
    // purge nor a lookup of a missing hash reads it again.
    private readonly Dictionary<string, Dictionary<string, Segment>> months = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Location>> bySha = new(StringComparer.Ordinal);

    // Segments whose messages are all purged but that may not be deleted yet (still written to, or unsealed this month).
    private readonly HashSet<Segment> emptyPending = [];
    private bool built;
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
                var line = Encoding.ASCII.GetBytes(FormattableString.Invariant($"{sha} {offset} {mime.Length}\n"));
                current.Index.Write(line);
                lock (readLock)
                {
                    // This process alone writes the file, so what it wrote is exactly the next line of the index.
                    current.Segment.IndexRead += line.Length;
                    Add(current.Segment, sha, new Entry(offset, mime.Length));
                }
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
        foreach (var (segment, entry) in Locate(sha))
        {
            if (ReadChecked(segment.Path, entry, sha) is { } bytes)
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
        var touched = new List<Segment>();
        foreach (var (segment, entry) in Locate(sha))
        {
            try
            {
                using var data = new FileStream(segment.Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                var zeros = new byte[Math.Min(entry.Length, 1 << 16)];
                for (var done = 0L; done < entry.Length; done += zeros.Length)
                {
                    RandomAccess.Write(data.SafeFileHandle, zeros.AsSpan(0, (int)Math.Min(zeros.Length, entry.Length - done)), entry.Offset + done);
                }
            }
            catch (FileNotFoundException)
            {
                // Another instance deleted the segment (all of it purged): nothing of it is left to zero.
                lock (readLock)
                {
                    Remove(segment);
                }

                continue;
            }

            // Zeros first, then the record: a crash in between leaves bytes that fail the hash check, i.e. not stored.
            using (var purged = PrivateFiles.CreateFile(Path.ChangeExtension(segment.Path, ".purged"), FileMode.Append))
            {
                purged.Write(Encoding.ASCII.GetBytes(sha + "\n"));
            }

            touched.Add(segment);
        }

        lock (readLock)
        {
            foreach (var segment in touched.Distinct())
            {
                // Only the segments this purge touched are read again (another instance may have added or purged in them).
                if (ReadTail(segment) && segment.Entries.Count > 0 && segment.Entries.Keys.All(segment.Purged.Contains))
                {
                    emptyPending.Add(segment);
                }
            }
        }

        DeleteEmptySegments();
    }

    private List<Location> Locate(string sha)
    {
        lock (readLock)
        {
            if (!built)
            {
                Load(all: true);
                built = true;
            }
        }

        var found = Find(sha);
        if (found.Count == 0)
        {
            // Another instance may have written it since the last look: only where it can still have written.
            lock (readLock)
            {
                Load(all: false);
            }

            found = Find(sha);
        }

        return found;
    }

    private List<Location> Find(string sha)
    {
        lock (readLock)
        {
            return bySha.TryGetValue(sha, out var locations)
                ? locations.Where(l => !l.Segment.Purged.Contains(sha)).ToList()
                : [];
        }
    }

    /// <summary>
    /// Reads what the index files gained since the last look (lines are complete only up to their newline): every
    /// segment when <paramref name="all"/>, else the segments another instance may still be writing and the segments new
    /// since the last look, which can only be in this month's or last month's folder (or a folder not seen yet).
    /// Called under <see cref="readLock"/>.
    /// </summary>
    private void Load(bool all)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        var now = time.GetUtcNow();
        var thisMonth = Month(now);
        var lastMonth = Month(now.AddMonths(-1));
        foreach (var directory in Directory.EnumerateDirectories(folder))
        {
            var month = Path.GetFileName(directory);
            var known = months.TryGetValue(month, out var segments);
            if (!all && known && month != thisMonth && month != lastMonth)
            {
                continue;
            }

            foreach (var index in Directory.EnumerateFiles(directory, "*.idx"))
            {
                var path = Path.ChangeExtension(index, ".seg");
                if (segments is null || !segments.TryGetValue(path, out var segment))
                {
                    segment = new Segment(path, month);
                    if (!months.TryGetValue(month, out segments))
                    {
                        months[month] = segments = new Dictionary<string, Segment>(StringComparer.Ordinal);
                    }

                    segments[path] = segment;
                    ReadTail(segment);
                }
                else if (all)
                {
                    ReadTail(segment);
                }
            }
        }

        if (!all)
        {
            foreach (var segment in months.Values.SelectMany(m => m.Values).Where(s => !s.Sealed && !s.Own).ToList())
            {
                ReadTail(segment);
            }
        }
    }

    /// <summary>Reads the new lines of one segment's index and purge list; false (and the segment forgotten) when its index is gone.</summary>
    private bool ReadTail(Segment segment)
    {
        var index = Path.ChangeExtension(segment.Path, ".idx");
        if (!File.Exists(index))
        {
            Remove(segment);
            return false;
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
                Add(segment, parts[0], new Entry(offset, length));
            }
        });
        segment.PurgedRead = ReadLines(Path.ChangeExtension(segment.Path, ".purged"), segment.PurgedRead, line =>
        {
            if (line.Length == 64)
            {
                segment.Purged.Add(line);
            }
        });
        return true;
    }

    /// <summary>Records one index line in memory. Called under <see cref="readLock"/>.</summary>
    private void Add(Segment segment, string sha, Entry entry)
    {
        // The same bytes sent twice (a retry of identical content) are two entries; a purge zeroes both.
        if (!segment.Entries.TryGetValue(sha, out var entries))
        {
            segment.Entries[sha] = entries = [];
        }

        entries.Add(entry);
        if (!bySha.TryGetValue(sha, out var locations))
        {
            bySha[sha] = locations = [];
        }

        locations.Add(new Location(segment, entry));
    }

    /// <summary>Forgets a deleted segment. Called under <see cref="readLock"/>.</summary>
    private void Remove(Segment segment)
    {
        if (months.TryGetValue(segment.Month, out var segments))
        {
            segments.Remove(segment.Path);
        }

        foreach (var sha in segment.Entries.Keys)
        {
            if (bySha.TryGetValue(sha, out var locations))
            {
                locations.RemoveAll(l => ReferenceEquals(l.Segment, segment));
                if (locations.Count == 0)
                {
                    bySha.Remove(sha);
                }
            }
        }

        emptyPending.Remove(segment);
    }

    private void DeleteEmptySegments()
    {
        var thisMonth = Month(time.GetUtcNow());
        var empty = new List<Segment>();
        lock (readLock)
        {
            foreach (var segment in emptyPending.ToList())
            {
                // Another instance's unsealed segment may have gained messages (or its seal) since it was found empty.
                if (!segment.Own && !segment.Sealed && !ReadTail(segment))
                {
                    continue;
                }

                if (!segment.Entries.Keys.All(segment.Purged.Contains))
                {
                    emptyPending.Remove(segment);
                }
                else if (segment.Sealed || string.CompareOrdinal(segment.Month, thisMonth) < 0)
                {
                    // An unsealed segment of an earlier month is no longer written: its writer rolls at the month's end, or stopped.
                    empty.Add(segment);
                }
            }
        }

        lock (writeLock)
        {
            foreach (var segment in empty.Where(s => writer?.Path != s.Path))
            {
                // The index first: without it the segment is invisible, and a half-deleted segment is never read.
                File.Delete(Path.ChangeExtension(segment.Path, ".idx"));
                File.Delete(segment.Path);
                File.Delete(Path.ChangeExtension(segment.Path, ".purged"));
                lock (readLock)
                {
                    Remove(segment);
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
            var opened = new Writer(new Segment(path, month) { Own = true }, data, Open(Path.ChangeExtension(path, ".idx")));
            lock (readLock)
            {
                if (!months.TryGetValue(month, out var segments))
                {
                    months[month] = segments = new Dictionary<string, Segment>(StringComparer.Ordinal);
                }

                segments[path] = opened.Segment;
            }

            return opened;
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
            var line = Encoding.ASCII.GetBytes(SealedLine + "\n");
            open.Index.Write(line);
            lock (readLock)
            {
                open.Segment.IndexRead += line.Length;
                open.Segment.Sealed = true;
            }
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

    private readonly record struct Location(Segment Segment, Entry Entry);

    private sealed class Segment(string path, string month)
    {
        public string Path => path;
        public string Month => month;

        /// <summary>Written by this process: its in-memory index is complete, the file is never read back.</summary>
        public bool Own { get; init; }

        public Dictionary<string, List<Entry>> Entries { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Purged { get; } = new(StringComparer.Ordinal);
        public long IndexRead { get; set; }
        public long PurgedRead { get; set; }
        public bool Sealed { get; set; }
    }

    private sealed class Writer(Segment segment, FileStream data, FileStream index) : IDisposable
    {
        public Segment Segment => segment;
        public string Path => segment.Path;
        public string Month => segment.Month;
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
