using Cartero.Features.Logs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Correos;

/// <summary>Downloads the current filter as CSV or XLSX (streamed, audited).</summary>
public sealed class ExportarModel(EmailLogExport export) : PageModel
{
    public async Task<IActionResult> OnGetAsync([FromQuery] FiltroCorreos filtro, [FromQuery] string? formato, [FromQuery] string? separador, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var filter = filtro.ToFilter(problems);
        if (problems.Count > 0 || formato is not ("csv" or "xlsx") || separador is not (null or "coma" or "punto_y_coma"))
        {
            return BadRequest(string.Join(" ", problems.Append("Use formato=csv o formato=xlsx, y separador=coma o separador=punto_y_coma.")));
        }

        await export.WriteAsync(filter, formato, HttpContext, cancellationToken, separador == "punto_y_coma" ? ';' : ',');
        return new EmptyResult();
    }
}
