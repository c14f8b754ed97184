using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Platform.Identity;
using Cartero.Platform.Secrets;
using Cartero.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Platform;

/// <summary>Data at rest is for the account that runs Cartero only: folders 0700, files 0600, on the real disk.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataFileModesTests
{
    private const UnixFileMode GroupAndOthers = (UnixFileMode)0b_000_111_111;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_a_send_with_an_attachment_through_pickup_nothing_under_the_data_directory_is_readable_by_others()
    {
        await using var app = new CarteroAppFactory(settings: new Dictionary<string, string?>
        {
            ["Cartero:Worker:Enabled"] = "true",
            ["Cartero:Worker:PollInterval"] = "00:00:00.100",
        });
        var api = await app.CreateApiClientAsync();
        var sent = await api.PostAsJsonAsync("/api/v1/emails", new JsonObject
        {
            ["type"] = "notificacion_clinica", ["to"] = new JsonObject { ["address"] = "paciente@correo.ec" },
            ["subject"] = "Su receta", ["html"] = "<p>Adjuntamos su receta.</p>", ["text"] = "Adjuntamos su receta.",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["fileName"] = "receta.pdf", ["contentType"] = "application/pdf", ["contentBase64"] = Convert.ToBase64String("%PDF-1.4 receta"u8),
            }),
        }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var outbox = Path.Combine(app.DataDirectory, "outbox");
        await Eventually.WaitForAsync(() => Task.FromResult(Directory.Exists(outbox) && Directory.EnumerateFiles(outbox, "*.eml").Any()), done => done, "el .eml en outbox/");
        // Keys on disk too: the master key (a stored secret) and the panel's cookie keys (a sign-in).
        app.Services.GetRequiredService<ISecretProtector>().Protect("secreto", new SecretPurpose("prueba", "valor", "1"));
        await PanelSession.SignInAsync(app, CarteroRoles.Admin);

        var entries = Directory.EnumerateFileSystemEntries(app.DataDirectory, "*", SearchOption.AllDirectories)
            // The test's own log file, written by the test host's logger, is not Cartero's.
            .Where(p => p != app.LogFile)
            .Prepend(app.DataDirectory)
            .ToList();
        var loose = entries.Select(p => (Path: p, Mode: File.GetUnixFileMode(p))).Where(e => (e.Mode & GroupAndOthers) != 0).ToList();

        Assert.True(loose.Count == 0, "Legibles por otros: " + string.Join(", ", loose.Select(e => $"{Path.GetRelativePath(app.DataDirectory, e.Path)} {Convert.ToString((int)e.Mode, 8)}")));
        string[] expected = ["cartero.db", "cartero.db-wal", "cartero.db-shm", "attachments", "outbox", "keys", Path.Combine("keys", "proteccion-datos")];
        foreach (var name in expected)
        {
            Assert.True(entries.Contains(Path.Combine(app.DataDirectory, name)), $"Falta {name}");
        }

        Assert.Contains(entries, p => p.EndsWith(".eml", StringComparison.Ordinal));
        Assert.Contains(entries, p => p.EndsWith(".key", StringComparison.Ordinal));
        Assert.Contains(entries, p => p.Contains("proteccion-datos", StringComparison.Ordinal) && p.EndsWith(".xml", StringComparison.Ordinal));
        Assert.Contains(entries, p => Path.GetFileName(p).Length == 64);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(app.DataDirectory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(app.DataDirectory, "cartero.db")));
    }

    [Fact]
    public async Task A_data_directory_left_open_by_an_older_version_is_closed_at_start_up()
    {
        var root = Path.Combine(Path.GetTempPath(), "cartero-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        File.SetUnixFileMode(root, (UnixFileMode)0b_111_101_101);
        var db = Path.Combine(root, "cartero.db");
        await using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=false"))
        {
            await old.OpenAsync(Ct);
            await using var wal = old.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync(Ct);
        }

        File.SetUnixFileMode(db, (UnixFileMode)0b_110_100_100);
        try
        {
            await using var app = new CarteroAppFactory(dataDirectory: root);
            _ = app.Services;

            Assert.Equal((UnixFileMode)0b_111_000_000, File.GetUnixFileMode(root));
            Assert.Equal((UnixFileMode)0b_110_000_000, File.GetUnixFileMode(db));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // As CarteroAppFactory does: a file a finishing background task still writes; the OS cleans temp.
            }
        }
    }
}
