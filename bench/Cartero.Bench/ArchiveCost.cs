using System.Diagnostics;
using System.Security.Cryptography;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Archive;
using Cartero.Features.Sending.Attachments;
using Cartero.Platform;
using MimeKit;

namespace Cartero.Bench;

/// <summary>
/// (f) What keeping the sent <c>.eml</c> costs per message, measured apart in this process (CPU time of one thread, so
/// far less sensitive to a loaded machine than the end-to-end rates): the extra serialisation of the message, its hash,
/// and the file the store writes.
/// </summary>
internal static class ArchiveCost
{
    public static async Task<IReadOnlyList<BenchResult>> RunAsync((string Subject, string Html, string Text) sample, int messages)
    {
        var mimes = Enumerable.Range(0, messages).Select(i => SampleMessage.ToMime(sample, i)).ToList();
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        // Warm-up: the JIT's last tier for the same paths.
        foreach (var m in mimes.Take(Math.Min(2_000, messages)))
        {
            Serialise(m, options);
        }

        var results = new List<BenchResult>();
        var bytes = new byte[messages][];
        results.Add(Measure("(f1) serializar de nuevo el MIME (MemoryStream)", messages, () =>
        {
            for (var i = 0; i < messages; i++)
            {
                bytes[i] = Serialise(mimes[i], options);
            }
        }));

        // With a server that announces SIZE, MailKit serialises the message once before DATA to measure it, and the
        // archive keeps that pass instead of making its own (RecipientTrackingSmtpClient.GetSize): what the archive
        // costs then is (f1k) − (f1m), against (f1) + (f2) for a pass of its own.
        results.Add(Measure("(f1m) la medición de SIZE que MailKit hace de todos modos (MeasuringStream)", messages, () =>
        {
            for (var i = 0; i < messages; i++)
            {
                using var measure = new MimeKit.IO.MeasuringStream();
                mimes[i].WriteTo(options, measure);
            }
        }));

        results.Add(Measure("(f1k) esa medición guardada con su SHA-256 (HashingBuffer; lo que hace el archivo ahora con SIZE)", messages, () =>
        {
            for (var i = 0; i < messages; i++)
            {
                using var kept = new Cartero.Features.Providers.HashingBuffer();
                mimes[i].WriteTo(options, kept);
                _ = kept.ToSentMessage();
            }
        }));

        var hashes = new string[messages];
        results.Add(Measure("(f2) SHA-256 del MIME", messages, () =>
        {
            for (var i = 0; i < messages; i++)
            {
                hashes[i] = Convert.ToHexStringLower(SHA256.HashData(bytes[i]));
            }
        }));

        var root = Path.Combine(Path.GetTempPath(), "cartero-bench-eml-" + Guid.NewGuid().ToString("N")[..8]);
        var store = new AttachmentStore(new DataDirectory(root));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < messages; i++)
        {
            await store.SaveAsync(bytes[i], hashes[i], CancellationToken.None);
        }

        results.Add(new BenchResult("(f3) escribir el .eml en el almacén", messages, watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu));
        Directory.Delete(root, recursive: true);

        // Where the file's cost goes: the same files written synchronously, with and without the rename, and the floor
        // of appending every message to one file.
        foreach (var (name, rename, levels) in new[]
                 {
                     ("(f3b) archivo síncrono, temporal y rename, ab/cd/", true, 2), ("(f3c) archivo síncrono, sin rename, ab/cd/", false, 2),
                     ("(f3e) archivo síncrono, temporal y rename, ab/", true, 1), ("(f3f) archivo síncrono, temporal y rename, una carpeta", true, 0),
                 })
        {
            var dir = Directory.CreateTempSubdirectory("cartero-bench-eml-").FullName;
            results.Add(Measure(name, messages, () =>
            {
                for (var i = 0; i < messages; i++)
                {
                    var sha = hashes[i];
                    var folder = levels switch { 2 => Path.Combine(dir, sha[..2], sha[2..4]), 1 => Path.Combine(dir, sha[..2]), _ => dir };
                    Directory.CreateDirectory(folder);
                    var final = Path.Combine(folder, sha);
                    var path = rename ? final + ".tmp" : final;
                    using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                    {
                        file.Write(bytes[i]);
                    }

                    if (rename)
                    {
                        File.Move(path, final);
                    }
                }
            }));
            Directory.Delete(dir, recursive: true);
        }

        var pack = Path.Combine(Path.GetTempPath(), "cartero-bench-pack-" + Guid.NewGuid().ToString("N")[..8]);
        results.Add(Measure("(f3d) suelo: todo en un solo archivo", messages, () =>
        {
            using var file = new FileStream(pack, FileMode.CreateNew, FileAccess.Write);
            for (var i = 0; i < messages; i++)
            {
                file.Write(bytes[i]);
            }
        }));
        File.Delete(pack);

        // What the archive does now: the segment store's append (message, index line, lock), no file per message.
        var segmentsRoot = Directory.CreateTempSubdirectory("cartero-bench-seg-").FullName;
        using (var segments = new SentMessageSegments(segmentsRoot, Guid.NewGuid(), SentMessageSegments.DefaultSegmentLimit, TimeProvider.System,
                   Microsoft.Extensions.Logging.Abstractions.NullLogger<SentMessageSegments>.Instance))
        {
            results.Add(Measure("(f3s) segmento: añadir al .seg y al .idx (lo que hace el archivo ahora)", messages, () =>
            {
                for (var i = 0; i < messages; i++)
                {
                    segments.Append(bytes[i], hashes[i]);
                }
            }));
        }

        Directory.Delete(segmentsRoot, recursive: true);
        return results;
    }

    private static byte[] Serialise(MimeMessage message, FormatOptions options)
    {
        using var buffer = new MemoryStream();
        message.WriteTo(options, buffer);
        return buffer.ToArray();
    }

    private static BenchResult Measure(string name, int messages, Action work)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        work();
        return new BenchResult(name, messages, watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }
}
