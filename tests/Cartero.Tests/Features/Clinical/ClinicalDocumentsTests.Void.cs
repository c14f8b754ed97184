using System.Net;
using Cartero.Features.Clinical;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Tests.Features.Clinical;

/// <summary>"Anular" a clinical document: who may (checked on the server), what is kept and shown, and that it is never sent again.</summary>
public abstract partial class ClinicalDocumentsTests
{
    public enum Voider
    {
        Admin,
        AuthorWithPermission,
        AuthorWithoutPermission,
        OtherOptometristWithPermission,
    }

    [Theory]
    [InlineData(Voider.Admin, true, null)]
    [InlineData(Voider.AuthorWithPermission, true, null)]
    [InlineData(Voider.AuthorWithoutPermission, false, "sin_permiso")]
    [InlineData(Voider.OtherOptometristWithPermission, false, "no_es_autor")]
    public async Task Who_may_void_a_clinical_document_is_checked_on_the_server_and_audited(Voider who, bool allowed, string? refusalCode)
    {
        var app = await NewAppAsync(Settings());
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin, "jefa@optica.ec");
        var author = await PanelSession.SignInAsync(app, CarteroRoles.Optometrista, Optometrist);
        var patient = await NewPatientAsync(app, "Carmen Ortiz", "carmen@correo.ec");
        var page = $"/clinica/pacientes/{patient}";
        var documentId = await NewPrescriptionAsync(author, page, "nota");
        PanelSession session;
        switch (who)
        {
            case Voider.Admin:
                session = admin;
                break;
            case Voider.AuthorWithPermission:
                await GrantAsync(app, admin, Optometrist);
                session = author;
                break;
            case Voider.AuthorWithoutPermission:
                session = author;
                break;
            default:
                session = await PanelSession.SignInAsync(app, CarteroRoles.Optometrista, "otro@optica.ec");
                await GrantAsync(app, admin, "otro@optica.ec");
                break;
        }

        var answer = await PostAsync(session, page, "Anular", new() { ["documento"] = documentId.ToString(), ["motivo"] = "Error en la graduación, reemplazada" });

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var html = WebUtility.HtmlDecode(await session.GetStringAsync(page));
        var document = await app.WithDbAsync(db => db.ClinicalDocuments.AsNoTracking().SingleAsync(Ct));
        var actions = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Target == $"documento_clinico:{documentId}").Select(a => new { a.Action, a.Details }).ToListAsync(Ct));
        if (allowed)
        {
            Assert.Contains("Documento anulado", html, StringComparison.Ordinal);
            Assert.Contains("Anulado", html, StringComparison.Ordinal);
            Assert.Contains("Error en la graduación, reemplazada", html, StringComparison.Ordinal);
            Assert.NotNull(document.VoidedAt);
            Assert.Equal(who == Voider.Admin ? "jefa@optica.ec" : Optometrist, document.VoidedBy);
            Assert.Equal("Error en la graduación, reemplazada", document.VoidReason);
            Assert.Contains(actions, a => a.Action == "documento_clinico.anular");
            Assert.DoesNotContain(actions, a => a.Details != null && a.Details.Contains("graduación", StringComparison.Ordinal));
        }
        else
        {
            Assert.Contains("No se anuló", html, StringComparison.Ordinal);
            Assert.Null(document.VoidedAt);
            Assert.Contains(actions, a => a.Action == "documento_clinico.anulacion_rechazada" && a.Details!.Contains(refusalCode!, StringComparison.Ordinal));
        }

        // Still stored and still viewable by its author and admins (legal retention).
        Assert.StartsWith("v2:", document.ProtectedContent, StringComparison.Ordinal);
        Assert.True(PdfUploadCheck.IsPdf(await (await admin.GetAsync($"{page}?handler=Documento&documento={documentId}")).Content.ReadAsByteArrayAsync(Ct)));
    }

    [Fact]
    public async Task A_voided_document_is_never_sent_again_and_a_void_needs_a_reason()
    {
        var app = await NewAppAsync(Settings());
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin, "jefa@optica.ec");
        var optometrist = await PanelSession.SignInAsync(app, CarteroRoles.Optometrista, Optometrist);
        var patient = await NewPatientAsync(app, "Carmen Ortiz", "carmen@correo.ec");
        var page = $"/clinica/pacientes/{patient}";
        var documentId = await NewPrescriptionAsync(optometrist, page, "nota");
        await GrantAsync(app, admin, Optometrist);
        await PostAsync(optometrist, page, "Consentir", new() { ["medio"] = ConsentMethods.SignedForm });

        await PostAsync(optometrist, page, "Anular", new() { ["documento"] = documentId.ToString(), ["motivo"] = " " });
        var html = WebUtility.HtmlDecode(await optometrist.GetStringAsync(page));
        Assert.Contains("Escriba el motivo de la anulación", html, StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.ClinicalDocuments.AsNoTracking().Select(d => d.VoidedAt).SingleAsync(Ct)));

        await PostAsync(optometrist, page, "Anular", new() { ["documento"] = documentId.ToString(), ["motivo"] = "Paciente equivocado" });
        html = WebUtility.HtmlDecode(await optometrist.GetStringAsync(page));
        Assert.DoesNotContain("Enviar al paciente", html, StringComparison.Ordinal);

        // The button is gone; a hand-made post is refused on the server, audited, and enqueues nothing.
        Assert.Contains("fue anulado", await SendAsync(optometrist, page, documentId), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Emails.CountAsync(Ct)));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "documento_clinico.envio_rechazado" && a.Details!.Contains("anulado"), Ct)));

        // Voiding twice is refused, the first record stays.
        await PostAsync(admin, page, "Anular", new() { ["documento"] = documentId.ToString(), ["motivo"] = "Otro motivo cualquiera" });
        Assert.Contains("ya fue anulado", WebUtility.HtmlDecode(await admin.GetStringAsync(page)), StringComparison.Ordinal);
        Assert.Equal("Paciente equivocado", await app.WithDbAsync(db => db.ClinicalDocuments.AsNoTracking().Select(d => d.VoidReason).SingleAsync(Ct)));
    }
}
