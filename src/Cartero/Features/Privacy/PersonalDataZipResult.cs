using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Cartero.Features.Privacy;

/// <summary>Sends "Mis datos" as a download, written into the response body as it is built (never whole in memory).</summary>
public sealed class PersonalDataZipResult(PersonalDataExporter exporter, DataSubject subject) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;
        http.Response.ContentType = "application/zip";
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = exporter.FileName(subject) }.ToString();
        http.Response.Headers.CacheControl = "no-store";
        await exporter.WriteAsync(subject, http.Response.Body, http.RequestAborted);
    }
}
