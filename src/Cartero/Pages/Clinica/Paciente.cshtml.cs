using Cartero.Features.Clinical;
using Cartero.Features.Store;
using Cartero.Platform.Auth;
using Cartero.Platform.Identity;
using Cartero.Platform.Secrets;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Clinica;

/// <summary>
/// One patient: their consent (record, withdraw), their clinical documents (new prescription, upload a PDF, view) and
/// "Enviar al paciente". Optometrists make and send documents; admins view, audit and record consent.
/// </summary>
public sealed partial class PacienteModel(CustomerService customers, ClinicalConsents consents, ClinicalDocuments documents, UserManager<CarteroUser> users, ILogger<PacienteModel> log) : PageModel
{
    public Customer? Patient { get; private set; }

    public ClinicalConsent? Consent { get; private set; }

    public IReadOnlyList<ClinicalConsent> ConsentHistory { get; private set; } = [];

    public IReadOnlyList<ClinicalDocuments.Summary> Documents { get; private set; } = [];

    public bool IsOptometrist => User.IsInRole(CarteroRoles.Optometrista);

    [BindProperty]
    public PrescriptionInput Receta { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Refusal { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Receta.Optometrista = IsOptometrist ? (await users.GetUserAsync(User))?.FullName : null;
        return Page();
    }

    public async Task<IActionResult> OnPostConsentirAsync(Guid id, string? medio, CancellationToken cancellationToken)
    {
        try
        {
            await consents.RecordAsync(id, medio, HttpContext.GetActor(), cancellationToken);
            Message = "Consentimiento registrado.";
            return RedirectToPage(new { id });
        }
        catch (ClinicalValidationException ex)
        {
            return await FailAsync(id, ex, "", cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostRetirarAsync(Guid id, CancellationToken cancellationToken)
    {
        Message = await consents.WithdrawAsync(id, HttpContext.GetActor(), cancellationToken)
            ? "Consentimiento retirado: ya no se le pueden enviar documentos clínicos por correo."
            : "El paciente no tenía un consentimiento vigente.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRecetaAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!IsOptometrist)
        {
            return await FailAsync(id, ClinicalValidationException.Of("", "Solo un optometrista hace recetas; su usuario no tiene ese rol."), "", cancellationToken);
        }

        try
        {
            await documents.CreatePrescriptionAsync(id, Receta, HttpContext.GetActor(), cancellationToken);
            Message = "Receta guardada. Revísela y use «Enviar al paciente» para mandarla por correo.";
            return RedirectToPage(new { id });
        }
        catch (ClinicalValidationException ex)
        {
            return await FailAsync(id, ex, nameof(Receta), cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostSubirAsync(Guid id, IFormFile? archivo, CancellationToken cancellationToken)
    {
        if (!IsOptometrist)
        {
            return await FailAsync(id, ClinicalValidationException.Of("", "Solo un optometrista sube documentos clínicos; su usuario no tiene ese rol."), "", cancellationToken);
        }

        try
        {
            var content = archivo is null ? [] : await ReadAsync(archivo, cancellationToken);
            await documents.UploadAsync(id, archivo?.FileName, content, HttpContext.GetActor(), cancellationToken);
            Message = "Documento guardado.";
            return RedirectToPage(new { id });
        }
        catch (ClinicalValidationException ex)
        {
            return await FailAsync(id, ex, "", cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostEnviarAsync(Guid id, Guid documento, CancellationToken cancellationToken)
    {
        if ((await documents.ListAsync(id, cancellationToken)).All(d => d.Id != documento))
        {
            return NotFound();
        }

        try
        {
            var email = await documents.SendAsync(documento, User, HttpContext.GetActor(), cancellationToken);
            Message = $"Documento enviado a la cola de correo (correo {email!.Id}).";
        }
        catch (ClinicalSendRefusedException ex)
        {
            Refusal = "No se envió: " + ex.Message;
        }
        catch (SecretKeyException ex)
        {
            LogUnreadable(log, documento, ex.Message);
            Refusal = "No se envió: " + Unreadable;
        }

        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostAnularAsync(Guid id, Guid documento, string? motivo, CancellationToken cancellationToken)
    {
        if ((await documents.ListAsync(id, cancellationToken)).All(d => d.Id != documento))
        {
            return NotFound();
        }

        try
        {
            await documents.VoidAsync(documento, motivo, User, HttpContext.GetActor(), cancellationToken);
            Message = "Documento anulado: queda guardado con el motivo y ya no se puede enviar.";
        }
        catch (ClinicalVoidRefusedException ex)
        {
            Refusal = "No se anuló: " + ex.Message;
        }
        catch (ClinicalValidationException ex)
        {
            Refusal = "No se anuló: " + string.Join(" ", ex.Errors.SelectMany(e => e.Value));
        }

        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnGetDocumentoAsync(Guid id, Guid documento, CancellationToken cancellationToken)
    {
        if ((await documents.ListAsync(id, cancellationToken)).All(d => d.Id != documento))
        {
            return NotFound();
        }

        byte[]? pdf;
        try
        {
            pdf = await documents.ViewAsync(documento, User, HttpContext.GetActor(), cancellationToken);
        }
        catch (SecretKeyException ex)
        {
            // The start-up check opens one sample per key, so a single altered or moved document is found here.
            LogUnreadable(log, documento, ex.Message);
            await LoadAsync(id, cancellationToken);
            ModelState.AddModelError("", Unreadable);
            return Page();
        }

        if (pdf is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(pdf, "application/pdf", ClinicalDocuments.AttachmentName);
    }

    private async Task<IActionResult> FailAsync(Guid id, ClinicalValidationException ex, string prefix, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        foreach (var (field, messages) in ex.Errors)
        {
            // Fields of the prescription sit next to their input; the rest (consent, upload) go to the summary on top.
            var key = prefix.Length == 0 || field.Length == 0 ? "" : $"{prefix}.{char.ToUpperInvariant(field[0])}{field[1..]}";
            foreach (var message in messages)
            {
                ModelState.AddModelError(key, message);
            }
        }

        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Patient = await customers.FindAsync(id, cancellationToken);
        if (Patient is null)
        {
            return false;
        }

        Consent = await consents.CurrentAsync(id, cancellationToken);
        ConsentHistory = await consents.HistoryAsync(id, cancellationToken);
        Documents = await documents.ListAsync(id, cancellationToken);
        return true;
    }

    private const string Unreadable = "No se pudo abrir este documento: su contenido cifrado no corresponde a este documento (fue alterado o copiado de otro) " +
        "o falta la clave con la que se cifró. Los demás documentos no se ven afectados. Avise a soporte: el registro de la aplicación nombra el documento.";

    [LoggerMessage(Level = LogLevel.Error, Message = "El documento clínico {Document} no se pudo descifrar: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, Guid document, string reason);

    private static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
