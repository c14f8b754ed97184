using System.Text.Json;
using Cartero.Features.Clinical;
using Cartero.Platform.Data;
using Cartero.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Privacy;

/// <summary>
/// The person's consents to receive clinical documents and their own clinical documents (health data is theirs to
/// access, LOPDP art. 13). The PDFs are decrypted only into this export, which is audited as a whole; who at the store
/// recorded a consent or made a document is staff data and stays out, like in the other sections.
/// </summary>
internal sealed class ClinicalSection(CarteroDbContext db, ClinicalDocuments documents) : IPersonalDataSection
{
    public string Key => "datos_clinicos";

    public string Title => "Sus consentimientos y documentos clínicos";

    public async Task WriteJsonAsync(DataSubject subject, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        json.WriteStartObject();
        json.WriteStartArray("consentimientos");
        foreach (var c in await ConsentsAsync(subject, cancellationToken))
        {
            json.WriteStartObject();
            json.WriteString("medio", c.Method);
            json.WriteString("registrado_en", EcuadorTime.IsoWithOffset(c.RecordedAt));
            json.WriteString("retirado_en", c.WithdrawnAt is { } w ? EcuadorTime.IsoWithOffset(w) : null);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("documentos");
        foreach (var d in await DocumentsAsync(subject, cancellationToken))
        {
            json.WriteStartObject();
            json.WriteString("id", d.Id);
            json.WriteString("tipo", d.Kind);
            json.WriteString("fecha_hora", EcuadorTime.IsoWithOffset(d.CreatedAt));
            json.WriteString("correo_id", d.EmailId?.ToString());
            json.WriteString("archivo", FileName(d));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public async Task WriteSummaryAsync(DataSubject subject, SummaryWriter html, CancellationToken cancellationToken)
    {
        var consents = await ConsentsAsync(subject, cancellationToken);
        if (consents.Count == 0)
        {
            await html.ParagraphAsync("No ha dado consentimiento para recibir documentos clínicos por correo.");
        }
        else
        {
            await html.TableStartAsync("Registrado", "Medio", "Retirado");
            foreach (var c in consents)
            {
                await html.RowAsync(SummaryWriter.Date(c.RecordedAt), ConsentMethods.Describe(c.Method), c.WithdrawnAt is { } w ? SummaryWriter.Date(w) : "vigente");
            }

            await html.TableEndAsync();
        }

        var docs = await DocumentsAsync(subject, cancellationToken);
        if (docs.Count == 0)
        {
            await html.ParagraphAsync("No tiene documentos clínicos.");
            return;
        }

        await html.TableStartAsync("Fecha", "Documento", "Archivo");
        foreach (var d in docs)
        {
            await html.RowAsync(SummaryWriter.Date(d.CreatedAt), (d.Kind == ClinicalDocumentKinds.Prescription ? "Receta" : "Documento PDF") + (d.VoidedAt is { } v ? $" (anulado el {SummaryWriter.Date(v)})" : ""), FileName(d));
        }

        await html.TableEndAsync();
    }

    public async Task WriteFilesAsync(DataSubject subject, ExportFiles files, CancellationToken cancellationToken)
    {
        foreach (var d in await DocumentsAsync(subject, cancellationToken))
        {
            // One document in memory at a time; the content is read and decrypted only here.
            var document = await db.ClinicalDocuments.AsNoTracking().SingleAsync(x => x.Id == d.Id, cancellationToken);
            await files.AddAsync(FileName(d), await documents.PdfOfAsync(document, cancellationToken), compress: false, cancellationToken);
        }
    }

    private static string FileName(ClinicalDocuments.Summary d) => $"clinica/documento-{d.CreatedAt:yyyyMMdd}-{d.Id.ToString()[..8]}.pdf";

    private async Task<List<ClinicalConsent>> ConsentsAsync(DataSubject subject, CancellationToken cancellationToken) =>
        await db.ClinicalConsents.AsNoTracking().Where(c => c.CustomerId == subject.Customer.Id)
            .OrderBy(c => c.RecordedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);

    // A person has few clinical documents; the list is metadata only (no content column is read).
    private async Task<List<ClinicalDocuments.Summary>> DocumentsAsync(DataSubject subject, CancellationToken cancellationToken) =>
        await db.ClinicalDocuments.AsNoTracking().Where(d => d.CustomerId == subject.Customer.Id)
            .OrderBy(d => d.CreatedAt).ThenBy(d => d.Id)
            .Select(d => new ClinicalDocuments.Summary(d.Id, d.Kind, d.CreatedAt, d.CreatedBy, d.EmailId, d.VoidedAt, d.VoidedBy, d.VoidReason)).ToListAsync(cancellationToken);
}
