using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Audit;
using Cartero.Platform.Cli;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Features.Audit;

public abstract class AuditTrailTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    private static async Task RecordAsync(CarteroAppFactory app, int count)
    {
        _ = app.Services; // start the host once before the parallel writers
        await Parallel.ForEachAsync(Enumerable.Range(0, count), Ct, async (i, ct) =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IAuditTrail>().RecordAsync(new AuditRecord("admin@optica.ec", "10.0.0.5", AuditAction.All[i % AuditAction.All.Count], "objeto", new { n = i }), ct);
        });
    }

    private async Task DisableTriggersAsync(CarteroAppFactory app) => await app.WithDbAsync(db => OnPostgres
        ? db.Database.ExecuteSqlRawAsync("ALTER TABLE log_auditoria DISABLE TRIGGER log_auditoria_solo_anexar", Ct)
        : db.Database.ExecuteSqlRawAsync("DROP TRIGGER log_auditoria_sin_cambios; DROP TRIGGER log_auditoria_sin_borrado;", Ct));

    [Fact]
    public async Task Concurrent_appends_form_one_unbroken_chain()
    {
        var app = await NewAppAsync();
        await RecordAsync(app, 40);

        var admin = await app.CreateApiClientAsync(admin: true);
        var verify = await admin.GetFromJsonAsync<JsonObject>("/api/v1/audit/verify", Ct);

        Assert.True((bool)verify!["valid"]!);
        var audit = verify["tables"]!.AsArray().Single(t => (string)t!["table"]! == "log_auditoria")!;
        Assert.Equal(40, (int)audit["rowsChecked"]!);
        var ids = await app.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(Ct));
        Assert.Equal(Enumerable.Range(1, ids.Count).Select(i => (long)i), ids);
    }

    [Theory]
    [InlineData("editar")]
    [InlineData("borrar")]
    [InlineData("rehacer-hash")]
    public async Task Any_edited_or_deleted_row_is_detected(string tampering)
    {
        var app = await NewAppAsync();
        await RecordAsync(app, 5);
        var blocked = await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM log_auditoria WHERE id = 3", Ct)));
        Assert.Contains("solo admite inserciones", blocked.Message + blocked.InnerException?.Message);
        await DisableTriggersAsync(app);

        var sql = tampering switch
        {
            "editar" => "UPDATE log_auditoria SET actor = 'otro@optica.ec' WHERE id = 3",
            "borrar" => "DELETE FROM log_auditoria WHERE id = 3",
            _ => "UPDATE log_auditoria SET detalle = '{{\"n\":99}}', hash = 'ffff' WHERE id = 3",
        };
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql, Ct));

        await using var scope = app.Services.CreateAsyncScope();
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliModule.RunAsync(app.Services, ["audit", "verify"], output, error);

        Assert.Equal(1, exit);
        Assert.Contains("ALTERADO", error.ToString());
        var result = await scope.ServiceProvider.GetRequiredService<IAuditTrail>().VerifyAsync(Ct);
        Assert.False(result.Valid);
        // A deleted row shows as the gap before the next one.
        Assert.Equal(tampering == "borrar" ? 4 : 3, result.FirstBrokenId);
    }
}

public sealed class SqliteAuditTrailTests() : AuditTrailTests(null);

public sealed class PostgresAuditTrailTests(PostgresCluster postgres) : AuditTrailTests(postgres);
