using System.Net;
using System.Text;
using Cartero.Features.Clinical;
using Cartero.Platform.Cli;
using Cartero.Platform.Identity;
using Cartero.Platform.Secrets;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Cartero.Tests.Features.Clinical;

/// <summary>Clinical content under <c>keys rotate</c> and the start-up check: re-encrypted page by page, and verified at start.</summary>
public abstract partial class ClinicalDocumentsTests
{
    [Fact]
    public async Task Keys_rotate_re_encrypts_clinical_documents_and_mail_so_they_open_and_send_after_the_old_key_is_retired()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var queued = Settings();
        queued["Cartero:Worker:Enabled"] = "false";
        var app = await NewAppAsync(queued, dataDirectory: Directory.CreateTempSubdirectory("cartero-clinica-claves-").FullName);
        await app.ConfigureSmtpAsync(smtp.Port);
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin, "jefa@optica.ec");
        var optometrist = await PanelSession.SignInAsync(app, CarteroRoles.Optometrista, Optometrist);
        var patient = await NewPatientAsync(app, "Pedro Salazar", "pedro@correo.ec");
        var page = $"/clinica/pacientes/{patient}";
        var documentId = await NewPrescriptionAsync(optometrist, page, Marker);
        await GrantAsync(app, admin, Optometrist);
        await PostAsync(optometrist, page, "Consentir", new() { ["medio"] = ConsentMethods.SignedForm });
        Assert.Contains("Documento enviado", await SendAsync(optometrist, page, documentId), StringComparison.Ordinal);
        var keysFolder = Path.Combine(app.DataDirectory, "keys");
        var oldKeyFile = Directory.GetFiles(keysFolder, "*.key").Single();
        var oldKey = app.Services.GetRequiredService<MasterKeyRing>().Current.Id;

        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, await CliModule.RunAsync(app.Services, ["keys", "rotate"], output, error));

        var newKey = app.Services.GetRequiredService<MasterKeyRing>().Current.Id;
        Assert.NotEqual(oldKey, newKey);
        Assert.Contains("documento_clinico.contenido_cifrado: 1", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("[notificacion_clinica]: 2", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("[notificacion_clinica]: 1", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("MARCADOR-CLINICO", output.ToString() + error, StringComparison.Ordinal);

        // The old key is retired: the app must start (the start-up check opens all clinical content) and still send it.
        await app.DisposeAsync();
        File.Move(oldKeyFile, Path.Combine(Path.GetDirectoryName(keysFolder)!, "retirada.key.bak"));
        var next = await NewAppAsync(Settings(), dataDirectory: app.DataDirectory, sharedConnectionString: app.PostgresConnectionString);
        _ = next.Services;

        var message = await WaitForMessageAsync(smtp, "pedro@correo.ec");
        Assert.Contains(BodyPhrase, message.TextBody, StringComparison.Ordinal);
        var pdf = Assert.Single(message.Attachments.OfType<MimePart>());
        using (var bytes = new MemoryStream())
        {
            await pdf.Content!.DecodeToAsync(bytes, Ct);
            Assert.True(PdfUploadCheck.IsPdf(bytes.ToArray()), "El adjunto que llegó no es un PDF");
        }

        var admin2 = await PanelSession.SignInAsync(next, CarteroRoles.Admin, "jefa2@optica.ec");
        var view = await admin2.GetAsync($"{page}?handler=Documento&documento={documentId}");
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        Assert.True(PdfUploadCheck.IsPdf(await view.Content.ReadAsByteArrayAsync(Ct)), "El documento clínico no se abre tras la rotación");

        // The old key's id is gone from every clinical column and attachment file; what is there names the new key.
        var stored = await next.WithDbAsync(async db =>
        {
            var values = new List<string> { (await db.ClinicalDocuments.AsNoTracking().SingleAsync(Ct)).ProtectedContent };
            var content = await db.EmailContents.AsNoTracking().SingleAsync(Ct);
            values.Add(content.Html!);
            values.Add(content.Text!);
            return values;
        });
        foreach (var file in Directory.EnumerateFiles(Path.Combine(next.DataDirectory, "attachments"), "*", SearchOption.AllDirectories))
        {
            stored.Add(Encoding.ASCII.GetString(await File.ReadAllBytesAsync(file, Ct)));
        }

        Assert.Equal(4, stored.Count);
        Assert.All(stored, v => Assert.StartsWith($"v2:{newKey}:", v, StringComparison.Ordinal));
        Assert.All(stored, v => Assert.DoesNotContain(oldKey, v, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_up_refuses_when_a_clinical_document_does_not_open_and_names_its_row()
    {
        var app = await NewAppAsync(Settings(), dataDirectory: Directory.CreateTempSubdirectory("cartero-clinica-arranque-").FullName);
        var optometrist = await PanelSession.SignInAsync(app, CarteroRoles.Optometrista, Optometrist);
        var patient = await NewPatientAsync(app, "Lucía Mora", "lucia@correo.ec");
        var documentId = await NewPrescriptionAsync(optometrist, $"/clinica/pacientes/{patient}", Marker);
        // Bound to its row: the ciphertext of another document does not open here.
        await app.WithDbAsync(async db =>
        {
            var document = await db.ClinicalDocuments.SingleAsync(Ct);
            var copy = new ClinicalDocument
            {
                Id = Guid.CreateVersion7(), CustomerId = document.CustomerId, Kind = document.Kind, CreatedAt = document.CreatedAt,
                CreatedBy = document.CreatedBy, ProtectedContent = document.ProtectedContent,
            };
            db.ClinicalDocuments.Add(copy);
            await db.SaveChangesAsync(Ct);
            return copy.Id;
        });
        var copied = await app.WithDbAsync(db => db.ClinicalDocuments.AsNoTracking().Where(d => d.Id != documentId).Select(d => d.Id).SingleAsync(Ct));

        await app.DisposeAsync();
        var next = await NewAppAsync(Settings(), dataDirectory: app.DataDirectory, sharedConnectionString: app.PostgresConnectionString);
        var ex = Assert.ThrowsAny<Exception>(() => next.Services);
        var failure = ex as SecretKeyException ?? ex.InnerException as SecretKeyException
            ?? (ex as AggregateException)?.InnerExceptions.OfType<SecretKeyException>().FirstOrDefault();
        Assert.True(failure is not null, ex.ToString());
        Assert.Contains($"documento_clinico.contenido_cifrado (fila {copied})", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain($"(fila {documentId})", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("MARCADOR-CLINICO", failure.Message, StringComparison.Ordinal);
    }
}
