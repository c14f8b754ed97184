using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Cartero.Platform.Export;
using Cartero.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Pages.Auditoria;

/// <summary>The audit trail with its chain check, newest first, and its CSV export.</summary>
public sealed class IndexModel(CarteroDbContext db, IAuditTrail audit, ChainIntegrity integrity) : PageModel
{
    public const int PageSize = 100;

    private static readonly string[] Columns = ["id", "fecha_hora", "fecha_hora_ecuador", "actor", "ip", "accion", "objeto", "detalle", "hash_anterior", "hash"];

    public IReadOnlyList<AuditEntry> Items { get; private set; } = [];
    public AuditVerification Verification { get; private set; } = null!;
    public long? NextCursor { get; private set; }

    /// <summary>Every keyed chain (the histories too) against the checkpoints; only on request, as it reads every event.</summary>
    public IntegrityReport? Full { get; private set; }

    public async Task OnGetAsync([FromQuery] long? antes, [FromQuery] bool completa, CancellationToken cancellationToken)
    {
        Verification = await audit.VerifyAsync(cancellationToken);
        if (completa)
        {
            Full = await integrity.VerifyAsync(cancellationToken);
        }

        var q = db.AuditEntries.AsNoTracking();
        if (antes is { } cursor)
        {
            q = q.Where(a => a.Id < cursor);
        }

        var rows = await q.OrderByDescending(a => a.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        NextCursor = rows.Count > PageSize ? rows[PageSize - 1].Id : null;
        Items = rows.Take(PageSize).ToList();
    }

    public async Task<IActionResult> OnGetExportarAsync(CancellationToken cancellationToken)
    {
        var check = await audit.VerifyAsync(cancellationToken);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"log_auditoria.csv\"";
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        await CsvTable.WriteAsync(Response.Body, Columns, db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable(),
            a => [a.Id.ToString(inv), a.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", inv), EcuadorTime.IsoWithOffset(a.OccurredAt), a.Actor, a.ActorIp, a.Action, a.Target, a.Details, a.PreviousHash, a.Hash],
            cancellationToken,
            preamble: $"# verificacion_cadena,{(check.Valid ? "integra" : "ALTERADA en fila " + check.FirstBrokenId)},filas,{check.RowsChecked}");
        var actor = HttpContext.GetActor();
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.ExportAudit, "log_auditoria", new ExportAuditDetails(check.RowsChecked)), cancellationToken);
        return new EmptyResult();
    }
}
