using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Features.Logs;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Retry;
using Cartero.Platform.Auth;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Pages.Correos;

/// <summary>Bulk retry of the failures of the current filter, after a confirmation that says how many.</summary>
public sealed class ReintentarLoteModel(EmailLogQueries queries, EmailRetryService retries, IAuditTrail audit) : PageModel
{
    public int Count { get; private set; }
    public int? Retried { get; private set; }
    public string BackLink { get; private set; } = "/correos";
    public List<string> Problems { get; } = [];

    public async Task OnGetAsync([FromQuery] FiltroCorreos filtro, CancellationToken cancellationToken)
    {
        var filter = Prepare(filtro);
        Count = await queries.Filtered(filter).CountAsync(e => e.Status == EmailStatus.Fallido, cancellationToken);
    }

    public async Task OnPostAsync([FromQuery] FiltroCorreos filtro, CancellationToken cancellationToken)
    {
        var filter = Prepare(filtro);
        var actor = HttpContext.GetActor();
        Retried = await retries.RetryManyAsync(queries.Filtered(filter), actor, cancellationToken);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.RetryEmailBatch, "log_envio_correo",
            new RetryEmailBatchDetails(filtro.ToQuery(), Retried)), cancellationToken);
    }

    private EmailLogFilter Prepare(FiltroCorreos filtro)
    {
        BackLink = "/correos" + new QueryBuilder(filtro.ToQuery()).ToQueryString();
        return filtro.ToFilter(Problems) with { Status = EmailStatus.Fallido.ToCode() };
    }
}
