using System.Security.Cryptography;
using System.Text;
using Cartero.Features.Providers;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Archive;
using Cartero.Features.Sending.Attachments;
using Cartero.Platform;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cartero.Tests.Features.Sending.Archive;

/// <summary>The sent .eml files appended to segments, on the real disk: read back by hash, purged in place, rolled, reopened.</summary>
public sealed class SentMessageSegmentsTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("cartero-enviados-").FullName;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Folder => Path.Combine(root, "sent");

    private SentMessageSegments Store(Guid? instance = null, long limit = SentMessageSegments.DefaultSegmentLimit) =>
        new(Folder, instance ?? Guid.NewGuid(), limit, time, NullLogger<SentMessageSegments>.Instance);

    private static (byte[] Mime, string Sha) Message(int n)
    {
        var mime = Encoding.ASCII.GetBytes($"Message-Id: <{n}@optica.ec>\r\nSubject: Factura {n}\r\n\r\n{new string('x', 300 + (n * 7 % 200))}\r\n");
        return (mime, Convert.ToHexStringLower(SHA256.HashData(mime)));
    }

    [Fact]
    public void Many_messages_are_read_back_by_hash_and_a_purged_one_is_zeroed_and_gone_while_the_others_stay()
    {
        using var store = Store();
        var messages = Enumerable.Range(0, 500).Select(Message).ToList();
        Parallel.ForEach(messages, m => store.Append(m.Mime, m.Sha));

        Assert.All(messages, m => Assert.Equal(m.Mime, store.TryRead(m.Sha)));
        Assert.False(store.Has(new string('a', 64)));
        var segment = Assert.Single(Directory.GetFiles(Folder, "*.seg", SearchOption.AllDirectories));
        var victim = messages[123];
        Assert.True(Contains(File.ReadAllBytes(segment), victim.Mime));

        store.Purge(victim.Sha);

        Assert.False(store.Has(victim.Sha));
        Assert.Null(store.TryRead(victim.Sha));
        Assert.False(Contains(File.ReadAllBytes(segment), victim.Mime));
        Assert.All(messages.Where(m => m != victim), m => Assert.Equal(m.Mime, store.TryRead(m.Sha)));
        // The segment still holds the others, so it stays.
        Assert.True(File.Exists(segment));
    }

    [Fact]
    public void A_full_segment_rolls_and_one_whose_messages_are_all_purged_is_deleted()
    {
        using var store = Store(limit: 4_000);
        var messages = Enumerable.Range(0, 40).Select(Message).ToList();
        foreach (var m in messages)
        {
            store.Append(m.Mime, m.Sha);
        }

        var segments = Directory.GetFiles(Folder, "*.seg", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.True(segments.Count >= 4, $"{segments.Count} segmentos");
        Assert.All(segments.SkipLast(1), s => Assert.InRange(new FileInfo(s).Length, 1, 4_000));
        Assert.All(messages, m => Assert.Equal(m.Mime, store.TryRead(m.Sha)));

        var first = segments[0];
        var inFirst = messages.Where(m => Contains(File.ReadAllBytes(first), m.Mime)).ToList();
        Assert.NotEmpty(inFirst);
        foreach (var m in inFirst)
        {
            store.Purge(m.Sha);
        }

        Assert.False(File.Exists(first));
        Assert.False(File.Exists(Path.ChangeExtension(first, ".idx")));
        Assert.All(messages.Except(inFirst), m => Assert.Equal(m.Mime, store.TryRead(m.Sha)));

        // The segment still being written is kept even when everything in it is purged.
        var last = segments[^1];
        foreach (var m in messages.Where(m => Contains(File.ReadAllBytes(last), m.Mime)))
        {
            store.Purge(m.Sha);
        }

        Assert.True(File.Exists(last));
    }

    [Fact]
    public void After_a_restart_the_old_messages_are_found_and_a_new_segment_is_written()
    {
        var before = Enumerable.Range(0, 20).Select(Message).ToList();
        using (var first = Store())
        {
            before.ForEach(m => first.Append(m.Mime, m.Sha));
        }

        // A month later: the new process writes to its own segment in the new month's folder.
        time.Advance(TimeSpan.FromDays(31));
        using var second = Store();
        Assert.All(before, m => Assert.Equal(m.Mime, second.TryRead(m.Sha)));
        var after = Message(1_000);
        second.Append(after.Mime, after.Sha);
        Assert.Equal(after.Mime, second.TryRead(after.Sha));
        Assert.Equal(["2026-12", "2027-01"], Directory.GetDirectories(Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // The old segment was sealed when its process stopped: purging all of it deletes it.
        before.ForEach(m => second.Purge(m.Sha));
        Assert.Empty(Directory.GetFiles(Path.Combine(Folder, "2026-12")));
        Assert.Equal(after.Mime, second.TryRead(after.Sha));
    }

    [Fact]
    public void Two_instances_in_one_folder_write_their_own_segments_and_each_finds_and_purges_the_others_messages()
    {
        using var a = Store(Guid.NewGuid());
        using var b = Store(Guid.NewGuid());
        var messages = Enumerable.Range(0, 200).Select(Message).ToList();
        Parallel.For(0, messages.Count, i => (i % 2 == 0 ? a : b).Append(messages[i].Mime, messages[i].Sha));

        Assert.Equal(2, Directory.GetFiles(Folder, "*.seg", SearchOption.AllDirectories).Length);
        Assert.All(messages, m => Assert.Equal(m.Mime, a.TryRead(m.Sha)));
        Assert.All(messages, m => Assert.Equal(m.Mime, b.TryRead(m.Sha)));

        var victim = messages[7];
        a.Purge(victim.Sha);
        Assert.False(b.Has(victim.Sha));
        Assert.False(a.Has(victim.Sha));
        Assert.All(messages.Where(m => m != victim), m => Assert.True(b.Has(m.Sha)));
    }

    [Fact]
    public void A_miss_reads_again_only_where_another_instance_can_still_write_and_purges_still_behave()
    {
        var before = Enumerable.Range(0, 20).Select(Message).ToList();
        string sealedSegment;
        using (var first = Store())
        {
            before.ForEach(m => first.Append(m.Mime, m.Sha));
            sealedSegment = Assert.Single(Directory.GetFiles(Folder, "*.seg", SearchOption.AllDirectories));
        }

        time.Advance(TimeSpan.FromDays(31));
        using var reader = Store();
        Assert.All(before, m => Assert.Equal(m.Mime, reader.TryRead(m.Sha)));

        // A sealed segment is never appended to again, so a miss does not read its index again: bytes and an index line
        // put there by hand afterwards are not seen (reading every index on each miss, they were).
        var smuggled = Message(5_000);
        var offset = new FileInfo(sealedSegment).Length;
        File.AppendAllBytes(sealedSegment, smuggled.Mime);
        File.AppendAllText(Path.ChangeExtension(sealedSegment, ".idx"), FormattableString.Invariant($"{smuggled.Sha} {offset} {smuggled.Mime.Length}\n"));
        Assert.False(reader.Has(smuggled.Sha));
        File.WriteAllBytes(sealedSegment, File.ReadAllBytes(sealedSegment)[..(int)offset]);
        var index = File.ReadAllText(Path.ChangeExtension(sealedSegment, ".idx"));
        File.WriteAllText(Path.ChangeExtension(sealedSegment, ".idx"), index[..index.IndexOf(smuggled.Sha, StringComparison.Ordinal)]);

        // What another live instance writes now is found on the miss that follows.
        using var live = Store();
        var fresh = Enumerable.Range(100, 3).Select(Message).ToList();
        fresh.ForEach(m => live.Append(m.Mime, m.Sha));
        Assert.All(fresh, m => Assert.Equal(m.Mime, reader.TryRead(m.Sha)));
        var later = Message(200);
        live.Append(later.Mime, later.Sha);
        Assert.Equal(later.Mime, reader.TryRead(later.Sha));

        // A purge of something not stored is no error and changes nothing.
        reader.Purge(new string('c', 64));
        Assert.All(fresh, m => Assert.True(reader.Has(m.Sha)));

        // Purging all of the live instance's messages keeps its segment while it is written to; once sealed, the next
        // purge deletes it. The old sealed segment goes once its own messages are purged.
        var liveSegment = Path.ChangeExtension(Assert.Single(Directory.GetFiles(Path.Combine(Folder, "2027-01"), "*.idx")), ".seg");
        fresh.Append(later).ToList().ForEach(m => reader.Purge(m.Sha));
        Assert.True(File.Exists(liveSegment));
        Assert.All(fresh, m => Assert.False(live.Has(m.Sha)));
        live.Dispose();
        reader.Purge(new string('d', 64));
        Assert.False(File.Exists(liveSegment));
        before.ForEach(m => reader.Purge(m.Sha));
        Assert.False(File.Exists(sealedSegment));
        Assert.All(before, m => Assert.False(reader.Has(m.Sha)));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Segment_files_and_folders_are_for_the_account_that_runs_cartero_only()
    {
        using var store = Store();
        var m = Message(1);
        store.Append(m.Mime, m.Sha);
        store.Purge(Message(2).Sha);
        store.Append(Message(3).Mime, Message(3).Sha);
        store.Purge(m.Sha);

        var entries = Directory.GetFileSystemEntries(Folder, "*", SearchOption.AllDirectories).Prepend(Folder).ToList();
        Assert.Contains(entries, e => e.EndsWith(".purged", StringComparison.Ordinal));
        Assert.All(entries, e => Assert.Equal(Directory.Exists(e) ? PrivateFiles.DirectoryMode : PrivateFiles.FileMode, File.GetUnixFileMode(e)));
    }

    [Fact]
    public async Task The_archive_reads_and_purges_the_per_file_eml_of_an_older_version_too()
    {
        var data = new DataDirectory(root);
        var attachments = new AttachmentStore(data);
        using var segments = Store();
        var archive = new SentMessageArchive(attachments, segments, NullLogger<SentMessageArchive>.Instance);
        var old = Message(1);
        await attachments.SaveAsync(old.Mime, old.Sha, Ct);
        var current = Message(2);
        await archive.KeepAsync(Guid.NewGuid(), SendResult.Accepted("250 OK", 250, sent: new SentMessage(current.Mime, current.Sha)), Ct);

        foreach (var m in new[] { old, current })
        {
            Assert.True(archive.Has(m.Sha));
            await using var read = await archive.TryOpenAsync(m.Sha, Ct);
            Assert.NotNull(read);
            using var copy = new MemoryStream();
            await read.CopyToAsync(copy, Ct);
            Assert.Equal(m.Mime, copy.ToArray());
        }

        // The new message is not another file in the attachment store.
        Assert.Single(Directory.GetFiles(data.Attachments, "*", SearchOption.AllDirectories));
        archive.Purge(old.Sha);
        archive.Purge(current.Sha);
        Assert.False(archive.Has(old.Sha));
        Assert.False(archive.Has(current.Sha));
        Assert.Empty(Directory.GetFiles(data.Attachments, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task The_download_reads_a_message_once_checked_and_never_serves_bytes_that_lost_their_hash()
    {
        var data = new DataDirectory(root);
        var attachments = new AttachmentStore(data);
        using var segments = Store();
        var archive = new SentMessageArchive(attachments, segments, NullLogger<SentMessageArchive>.Instance);
        var current = Message(1);
        segments.Append(current.Mime, current.Sha);
        var old = Message(2);
        await attachments.SaveAsync(old.Mime, old.Sha, Ct);

        await using (var read = await archive.TryOpenAsync(current.Sha, Ct))
        {
            Assert.Equal(current.Mime, await ReadAllAsync(read!));
        }

        // An older version's per-file copy edited on disk: its bytes no longer have the hash, so it is not there.
        var path = Directory.GetFiles(data.Attachments, old.Sha, SearchOption.AllDirectories).Single();
        var edited = (byte[])old.Mime.Clone();
        edited[^3] = (byte)'y';
        await File.WriteAllBytesAsync(path, edited, Ct);
        Assert.Null(await archive.TryOpenAsync(old.Sha, Ct));

        segments.Purge(current.Sha);
        Assert.Null(await archive.TryOpenAsync(current.Sha, Ct));
        Assert.Null(await archive.TryOpenAsync(new string('b', 64), Ct));
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans temp.
        }
    }
}
