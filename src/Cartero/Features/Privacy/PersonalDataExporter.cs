using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Cartero.Platform.Export;
using Cartero.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Privacy;

/// <summary>
/// "Mis datos": the ZIP of what Cartero holds about one customer (access and portability under the LOPDP), written
/// entry by entry into the response as it is read, in pages. Who asked, for whom and why goes to the audit trail
/// before the first byte is written, so an interrupted download is still on record.
/// </summary>
public sealed class PersonalDataExporter
{
    private readonly CarteroDbContext _db;
    private readonly IReadOnlyList<IPersonalDataSection> _sections;
    private readonly IAuditTrail _audit;
    private readonly TimeProvider _time;

    internal PersonalDataExporter(CarteroDbContext db, IEnumerable<IPersonalDataSection> sections, IAuditTrail audit, TimeProvider time)
    {
        _db = db;
        _sections = [.. sections];
        _audit = audit;
        _time = time;
    }

    /// <summary>The customer linked to the signed-in user, or null when the user has none (nothing to export).</summary>
    public async Task<DataSubject?> ForUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await _db.Set<CarteroUser>().AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.Email, u.CustomerId }).SingleOrDefaultAsync(cancellationToken);
        if (user is null || !Guid.TryParse(user.CustomerId, out var customerId))
        {
            return null;
        }

        var customer = await _db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        return customer is null ? null : new DataSubject(customer, user.Id, user.Email);
    }

    public async Task<DataSubject?> ForCustomerAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var customer = await _db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var userId = customer.UserId;
        var key = customer.Id.ToString();
        var user = await _db.Set<CarteroUser>().AsNoTracking().Where(u => (userId != null && u.Id == userId) || u.CustomerId == key)
            .OrderBy(u => u.Id).Select(u => new { u.Id, u.Email }).FirstOrDefaultAsync(cancellationToken);
        return new DataSubject(customer, user?.Id, user?.Email);
    }

    /// <summary>Records who asked for whose data and why; call before <see cref="WriteAsync"/>.</summary>
    public Task RecordAsync(DataSubject subject, RequestActor actor, string? reason, CancellationToken cancellationToken) =>
        _audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, reason is null ? AuditAction.ExportOwnData : AuditAction.ExportCustomerData, $"cliente:{subject.Customer.Id}",
            new PersonalDataExportDetails(_sections.Select(s => s.Key).ToArray(), reason)), cancellationToken);

    public string FileName(DataSubject subject) =>
        $"mis-datos-{subject.Customer.IdNumber}-{Platform.Web.EcuadorTime.ToLocal(_time.GetUtcNow().UtcDateTime):yyyyMMdd}.zip";

    /// <summary>Streams the ZIP into <paramref name="output"/> (the response body): one entry open at a time, only asynchronous writes.</summary>
    public async Task WriteAsync(DataSubject subject, Stream output, CancellationToken cancellationToken)
    {
        var stamp = _time.GetUtcNow();
        await using var sink = new AsyncOnlySink(output);
        await using (var archive = await ZipArchive.CreateAsync(sink, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8, cancellationToken))
        {
            await WriteEntriesAsync(archive, sink, subject, stamp, cancellationToken);
        }

        await sink.DrainAsync(cancellationToken);
    }

    private async Task WriteEntriesAsync(ZipArchive archive, AsyncOnlySink sink, DataSubject subject, DateTimeOffset stamp, CancellationToken cancellationToken)
    {

        var json = archive.CreateEntry("datos.json", CompressionLevel.Optimal);
        json.LastWriteTime = stamp;
        await using (var stream = await json.OpenAsync(cancellationToken))
        {
            await using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            writer.WriteStartObject();
            writer.WriteString("generado", Platform.Web.EcuadorTime.IsoWithOffset(stamp.UtcDateTime));
            writer.WriteString("responsable", "Cartero: registro de correos de la óptica");
            foreach (var section in _sections)
            {
                writer.WritePropertyName(section.Key);
                await section.WriteJsonAsync(subject, writer, cancellationToken);
                await writer.FlushAsync(cancellationToken);
            }

            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken);
        }

        await sink.DrainAsync(cancellationToken);

        var summary = archive.CreateEntry("resumen.html", CompressionLevel.Optimal);
        summary.LastWriteTime = stamp;
        await using (var stream = await summary.OpenAsync(cancellationToken))
        {
            await using var text = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 16 * 1024);
            var html = new SummaryWriter(text);
            await html.RawAsync(SummaryHead(subject, stamp.UtcDateTime));
            foreach (var section in _sections)
            {
                await html.RawAsync($"<section>\n<h2>{SummaryWriter.Encode(section.Title)}</h2>\n");
                await section.WriteSummaryAsync(subject, html, cancellationToken);
                await html.RawAsync("</section>\n");
                await html.FlushAsync(cancellationToken);
            }

            await html.RawAsync("</main>\n</body>\n</html>\n");
            await html.FlushAsync(cancellationToken);
        }

        await sink.DrainAsync(cancellationToken);

        var files = new ExportFiles(archive, stamp, sink);
        foreach (var section in _sections)
        {
            await section.WriteFilesAsync(subject, files, cancellationToken);
        }
    }

    // Self-contained on purpose: no stylesheet, script, font or image from anywhere, so the file reads the same offline.
    private static string SummaryHead(DataSubject subject, DateTime generatedAt) => $$"""
        <!DOCTYPE html>
        <html lang="es">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Sus datos en Cartero — {{SummaryWriter.Encode(subject.Customer.Names)}}</title>
        <style>
        body { font-family: sans-serif; color: #1a1a1a; background: #fff; margin: 0; line-height: 1.45; }
        main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; border-bottom: 2px solid #245; padding-bottom: .2rem; margin-top: 2rem; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; } dt { font-weight: bold; } dd { margin: 0; overflow-wrap: anywhere; }
        .tabla { overflow-x: auto; } table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #999; padding: .3rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        th { background: #e8eef5; }
        </style>
        </head>
        <body>
        <main>
        <h1>Sus datos en Cartero</h1>
        <p>Esta es una copia de los datos personales que la óptica guarda sobre usted en Cartero, su sistema de correo: su ficha de cliente, los correos que le enviamos, sus facturas, comprobantes y pedidos. Generada el {{SummaryWriter.Encode(SummaryWriter.Date(generatedAt))}} (hora de Ecuador).</p>
        <p>El archivo <code>datos.json</code> trae lo mismo en un formato que otro sistema puede leer. Las facturas (XML autorizado y RIDE), los comprobantes y los correos guardados están en las carpetas del ZIP.</p>
        <p>Si algún dato está mal, pida su corrección en el local o al correo de la óptica.</p>

        """;
}
