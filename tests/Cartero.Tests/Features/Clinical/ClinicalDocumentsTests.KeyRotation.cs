using System.Net;
using System.Text;
using Cartero.Features.Clinical;
using Cartero.Platform.Cli;
using Cartero.Platform.Identity;
using Cartero.Platform.Secrets;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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

        // The old key is retired: the app must start (no clinical value names the old key any more) and still send it.
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
    public async Task Start_up_checks_key_ids_so_a_document_that_does_not_open_fails_clearly_where_it_is_read()
    {
        var app = await NewAppAsync(Settings(), dataDirectory: Directory.CreateTempSubdirectory("cartero-clinica-arranque-").FullName);
        var optometrist = await PanelSession.SignInAsync(app, CarteroRoles.Optometrista, Optometrist);
        var patient = await NewPatientAsync(app, "Lucía Mora", "lucia@correo.ec");
        var page = $"/clinica/pacientes/{patient}";
        var documentId = await NewPrescriptionAsync(optometrist, page, Marker);
        // Bound to its row: the ciphertext of another document does not open here. The copy is the later row, so it is
        // not the one sample the start-up check opens for its key id.
        var copied = await app.WithDbAsync(async db =>
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
        Assert.True(copied.CompareTo(documentId) > 0);

        await app.DisposeAsync();
        var next = await NewAppAsync(Settings(), dataDirectory: app.DataDirectory, sharedConnectionString: app.PostgresConnectionString);
        _ = next.Services;

        var optometrist2 = await PanelSession.SignInAsync(next, CarteroRoles.Optometrista, Optometrist);
        var broken = await optometrist2.GetAsync($"{page}?handler=Documento&documento={copied}");
        var html = await broken.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, broken.StatusCode);
        Assert.Contains("No se pudo abrir este documento", html, StringComparison.Ordinal);
        Assert.DoesNotContain("MARCADOR-CLINICO", html, StringComparison.Ordinal);
        var good = await optometrist2.GetAsync($"{page}?handler=Documento&documento={documentId}");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.True(PdfUploadCheck.IsPdf(await good.Content.ReadAsByteArrayAsync(Ct)), "El documento sano debía abrirse");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Start_up_refuses_when_the_key_of_clinical_content_is_missing_or_wrong_and_names_it(bool replaced)
    {
        var app = await NewAppAsync(Settings(), dataDirectory: Directory.CreateTempSubdirectory("cartero-clinica-sin-clave-").FullName);
        var optometrist = await PanelSession.SignInAsync(app, CarteroRoles.Optometrista, Optometrist);
        var patient = await NewPatientAsync(app, "Lucía Mora", "lucia@correo.ec");
        await NewPrescriptionAsync(optometrist, $"/clinica/pacientes/{patient}", Marker);
        var keyId = app.Services.GetRequiredService<MasterKeyRing>().Current.Id;
        var keyFile = Directory.GetFiles(Path.Combine(app.DataDirectory, "keys"), "*.key").Single();

        await app.DisposeAsync();
        if (replaced)
        {
            // The same name, other bytes: only opening a sample tells it apart.
            await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), Ct);
        }
        else
        {
            File.Move(keyFile, Path.Combine(app.DataDirectory, "retirada.key.bak"));
        }

        var next = await NewAppAsync(Settings(), dataDirectory: app.DataDirectory, sharedConnectionString: app.PostgresConnectionString);
        var ex = Assert.ThrowsAny<Exception>(() => next.Services);
        var failure = ex as SecretKeyException ?? ex.InnerException as SecretKeyException
            ?? (ex as AggregateException)?.InnerExceptions.OfType<SecretKeyException>().FirstOrDefault();
        Assert.True(failure is not null, ex.ToString());
        Assert.Contains($"'{keyId}'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("documento_clinico.contenido_cifrado", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("MARCADOR-CLINICO", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_counts_clinical_mail_by_key_id_and_names_the_body_and_attachment_a_wrong_key_cannot_open()
    {
        var queued = Settings();
        queued["Cartero:Worker:Enabled"] = "false";
        var app = await NewAppAsync(queued, dataDirectory: Directory.CreateTempSubdirectory("cartero-clinica-correo-arranque-").FullName);
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin, "jefa@optica.ec");
        var optometrist = await PanelSession.SignInAsync(app, CarteroRoles.Optometrista, Optometrist);
        var patient = await NewPatientAsync(app, "Pedro Salazar", "pedro@correo.ec");
        var page = $"/clinica/pacientes/{patient}";
        var documentId = await NewPrescriptionAsync(optometrist, page, Marker);
        await GrantAsync(app, admin, Optometrist);
        await PostAsync(optometrist, page, "Consentir", new() { ["medio"] = ConsentMethods.SignedForm });
        Assert.Contains("Documento enviado", await SendAsync(optometrist, page, documentId), StringComparison.Ordinal);
        var keyId = app.Services.GetRequiredService<MasterKeyRing>().Current.Id;
        // One body value that is not Cartero's ciphertext at all: the check reports it apart from the key's values.
        await app.WithDbAsync(async db =>
        {
            var content = await db.EmailContents.SingleAsync(Ct);
            content.Text = "texto sin cifrar";
            await db.SaveChangesAsync(Ct);
        });

        // The same key file name with other bytes: only opening each key id's sample tells it apart.
        var keyFile = Directory.GetFiles(Path.Combine(app.DataDirectory, "keys"), "*.key").Single();
        await app.DisposeAsync();
        await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), Ct);

        var next = await NewAppAsync(Settings(), dataDirectory: app.DataDirectory, sharedConnectionString: app.PostgresConnectionString);
        var ex = Assert.ThrowsAny<Exception>(() => next.Services);
        var failure = ex as SecretKeyException ?? ex.InnerException as SecretKeyException
            ?? (ex as AggregateException)?.InnerExceptions.OfType<SecretKeyException>().FirstOrDefault();
        Assert.True(failure is not null, ex.ToString());
        var lines = failure.Message.Split('\n');
        Assert.Contains(lines, l => l.Contains("cuerpo cifrado de un correo clínico", StringComparison.Ordinal)
            && l.Contains($"1 valor(es) cifrado(s) con la clave '{keyId}'", StringComparison.Ordinal) && l.Contains("el primero en log_envio_correo_contenido.html (fila", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("cuerpo cifrado de un correo clínico", StringComparison.Ordinal)
            && l.Contains("1 valor(es) que no son secretos cifrados por Cartero", StringComparison.Ordinal) && l.Contains("el primero en log_envio_correo_contenido.texto (fila", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("adjunto cifrado de un correo clínico", StringComparison.Ordinal)
            && l.Contains($"1 valor(es) cifrado(s) con la clave '{keyId}'", StringComparison.Ordinal));
        Assert.DoesNotContain("MARCADOR-CLINICO", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("texto sin cifrar", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_opens_at_most_one_clinical_document_per_key_id()
    {
        var app = await NewAppAsync(Settings(), dataDirectory: Directory.CreateTempSubdirectory("cartero-clinica-muestra-").FullName);
        var optometrist = await PanelSession.SignInAsync(app, CarteroRoles.Optometrista, Optometrist);
        var patient = await NewPatientAsync(app, "Lucía Mora", "lucia@correo.ec");
        for (var i = 0; i < 3; i++)
        {
            await NewPrescriptionAsync(optometrist, $"/clinica/pacientes/{patient}", Marker);
        }

        await app.DisposeAsync();
        var opened = new CountingProtector.Counts();
        var next = (await NewAppAsync(Settings(), dataDirectory: app.DataDirectory, sharedConnectionString: app.PostgresConnectionString))
            .WithServices(s =>
            {
                s.RemoveAll<ISecretProtector>();
                s.AddSingleton<ISecretProtector>(sp => new CountingProtector(new AesGcmSecretProtector(sp.GetRequiredService<MasterKeyRing>()), opened));
            });
        _ = next.Services;

        Assert.Equal(3, await next.WithDbAsync(db => db.ClinicalDocuments.CountAsync(Ct)));
        Assert.Equal(1, opened.Of("documento_clinico"));
    }
}
