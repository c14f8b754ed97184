using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Cartero.Features.Audit;
using Cartero.Features.Clinical;
using Cartero.Features.Store;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Npgsql;

namespace Cartero.Tests.Features.Clinical;

/// <summary>
/// Clinical documents on both engines against the recording SMTP peer: only an optometrist with the permission sends,
/// and only to a consenting patient; what is stored is encrypted, what is shown and exported is metadata, every view is audited.
/// </summary>
public abstract partial class ClinicalDocumentsTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    /// <summary>Written in the prescription's notes: health data that must be found nowhere Cartero writes.</summary>
    private const string Marker = "MARCADOR-CLINICO-7f3a9c queratocono incipiente";

    /// <summary>A sentence of the clinical mail's body (the template), which is stored only encrypted.</summary>
    private const string BodyPhrase = "el detalle clínico va únicamente en el archivo adjunto";

    private const string Optometrist = "ana@optica.ec";

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Cartero:Worker:Enabled"] = "true",
        ["Cartero:Worker:PollInterval"] = "00:00:00.100",
        ["Cartero:Retention:JobEnabled"] = "false",
        ["Cartero:Marca:Nombre"] = "Óptica Visión",
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
    };

    [Fact]
    public async Task An_optometrist_with_the_permission_sends_a_consenting_patient_the_prescription_and_nothing_clinical_is_stored_in_clear()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var app = await NewAppAsync(Settings());
        await app.ConfigureSmtpAsync(smtp.Port);
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin, "jefa@optica.ec");
        var support = await PanelSession.SignInAsync(app, CarteroRoles.Soporte, "carla@optica.ec");
        var optometrist = await PanelSession.SignInAsync(app, CarteroRoles.Optometrista, Optometrist);
        var patient = await NewPatientAsync(app, "María Cevallos", "maria@correo.ec");
        var page = $"/clinica/pacientes/{patient}";

        var documentId = await NewPrescriptionAsync(optometrist, page, Marker);

        // No permission yet: refused, naming the permission; nothing enqueued.
        Assert.Contains("no tiene el permiso", await SendAsync(optometrist, page, documentId), StringComparison.Ordinal);
        await GrantAsync(app, admin, Optometrist);
        // Permission, but no consent.
        Assert.Contains("no tiene un consentimiento vigente", await SendAsync(optometrist, page, documentId), StringComparison.Ordinal);
        // An admin may not send on the optometrist's behalf, consent or not.
        await PostAsync(optometrist, page, "Consentir", new() { ["medio"] = ConsentMethods.SignedForm });
        Assert.Contains("no tiene el rol optometrista", await SendAsync(admin, page, documentId), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Emails.CountAsync(Ct)));

        var sent = await SendAsync(optometrist, page, documentId);
        Assert.Contains("Documento enviado", sent, StringComparison.Ordinal);

        var message = await WaitForMessageAsync(smtp, "maria@correo.ec");
        Assert.Equal("Documento de su consulta en Óptica Visión", message.Subject);
        var pdf = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal("application/pdf", pdf.ContentType.MimeType);
        using (var bytes = new MemoryStream())
        {
            await pdf.Content!.DecodeToAsync(bytes, Ct);
            Assert.True(PdfUploadCheck.IsPdf(bytes.ToArray()), "El adjunto que llegó no es un PDF");
        }

        Assert.Contains(BodyPhrase, message.TextBody, StringComparison.Ordinal);
        var row = await app.WithDbAsync(db => db.Emails.AsNoTracking().SingleAsync(Ct));
        Assert.Equal(("notificacion_clinica", "documento_clinico", documentId.ToString(), "manual", Optometrist),
            (row.Type, row.EntityType, row.EntityId, row.Origin, row.OriginatedBy));
        Assert.DoesNotContain("/t/a/", message.HtmlBody ?? "", StringComparison.Ordinal);

        // Stored encrypted: the content row and the attachment file hold ciphertext only.
        var stored = await app.WithDbAsync(db => db.EmailContents.AsNoTracking().SingleAsync(c => c.EmailId == row.Id, Ct));
        Assert.StartsWith("v2:", stored.Html, StringComparison.Ordinal);
        Assert.StartsWith("v2:", stored.Text, StringComparison.Ordinal);
        var attachmentsFolder = Path.Combine(app.DataDirectory, "attachments");
        Assert.NotEmpty(Directory.EnumerateFiles(attachmentsFolder, "*", SearchOption.AllDirectories));
        foreach (var file in Directory.EnumerateFiles(attachmentsFolder, "*", SearchOption.AllDirectories))
        {
            Assert.False((await File.ReadAllBytesAsync(file, Ct)).AsSpan().StartsWith("%PDF-"u8), $"{file} es un PDF sin cifrar");
        }

        // Soporte sees the metadata only, and that view is audited too; an admin sees the content, audited.
        var supportView = await support.GetStringAsync($"/correos/{row.Id}");
        Assert.DoesNotContain(BodyPhrase, supportView, StringComparison.Ordinal);
        var sha = row.Attachments.Single().Sha256;
        Assert.Equal(HttpStatusCode.Redirect, (await support.GetAsync($"/correos/{row.Id}?handler=Adjunto&sha={sha}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await support.GetAsync($"/correos/{row.Id}?handler=Vista")).StatusCode);
        var auditBefore = await ClinicalViewsAsync(app, row.Id);
        var adminView = await admin.GetStringAsync($"/correos/{row.Id}");
        Assert.Contains(BodyPhrase, WebUtility.HtmlDecode(adminView), StringComparison.Ordinal);
        var download = await admin.GetAsync($"/correos/{row.Id}?handler=Adjunto&sha={sha}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.True(PdfUploadCheck.IsPdf(await download.Content.ReadAsByteArrayAsync(Ct)));
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Target != null && a.Target.StartsWith(row.Id.ToString())).ToListAsync(Ct));
        Assert.Contains(audit, a => a.Action == "ver_correo_clinico" && a.Actor == "carla@optica.ec");
        Assert.Contains(audit, a => a.Action == "ver_correo_clinico" && a.Actor == "jefa@optica.ec");
        Assert.Contains(audit, a => a.Action == "descargar_adjunto" && a.Actor == "jefa@optica.ec");
        Assert.True(await ClinicalViewsAsync(app, row.Id) > auditBefore);
        // The sent .eml is hashed, never archived: no plain copy of the message lands in the store.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/correos/{row.Id}/eml")).StatusCode);

        // Withdrawn: refused again, and still one email.
        await PostAsync(optometrist, page, "Retirar", []);
        Assert.Contains("no tiene un consentimiento vigente", await SendAsync(optometrist, page, documentId), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Emails.CountAsync(Ct)));
        var actions = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Select(a => a.Action).ToListAsync(Ct));
        Assert.Contains("conceder_permiso_clinico", actions);
        Assert.Contains("consentimiento_clinico.registrar", actions);
        Assert.Contains("consentimiento_clinico.retirar", actions);
        Assert.Contains("documento_clinico.enviar", actions);

        // Nowhere in clear: pages and exports (metadata only), the data folder (database file, WAL, attachments, app log), pg_dump.
        var api = await app.CreateApiClientAsync(admin: true);
        var answers = new StringBuilder();
        foreach (var path in new[] { "/correos", "/correos/exportar?formato=csv", "/auditoria", "/auditoria?handler=Exportar" })
        {
            answers.AppendLine(await (await admin.GetAsync(path)).Content.ReadAsStringAsync(Ct));
        }

        foreach (var path in new[] { "/api/v1/emails", $"/api/v1/emails/{row.Id}", "/api/v1/emails/export?format=csv", "/api/v1/audit" })
        {
            answers.AppendLine(await (await api.GetAsync(path, Ct)).Content.ReadAsStringAsync(Ct));
        }

        Assert.Contains(row.Id.ToString(), answers.ToString(), StringComparison.Ordinal);
        var haystacks = new List<(string Where, string Text)> { ("respuestas y exportaciones", answers.ToString()) };
        haystacks.AddRange(await DataFolderAsync(app));
        Assert.True(OnPostgres || haystacks.Any(h => h.Where == "cartero.db"), "No se revisó el archivo de SQLite");
        if (OnPostgres)
        {
            haystacks.Add(("pg_dump", await DumpAsync(app.PostgresConnectionString!)));
        }

        foreach (var (where, text) in haystacks)
        {
            Assert.False(text.Contains("MARCADOR-CLINICO-7f3a9c", StringComparison.Ordinal), $"La nota clínica apareció en {where}");
            Assert.False(text.Contains(BodyPhrase, StringComparison.Ordinal) || text.Contains(Latin1Of(BodyPhrase), StringComparison.Ordinal), $"El cuerpo del correo clínico apareció en {where}");
        }
    }

    [Fact]
    public async Task Prescriptions_out_of_range_and_files_that_are_not_pdfs_get_spanish_field_errors_and_store_nothing()
    {
        var app = await NewAppAsync(Settings());
        var optometrist = await PanelSession.SignInAsync(app, CarteroRoles.Optometrista, Optometrist);
        var patient = await NewPatientAsync(app, "Luis Andrade", "luis@correo.ec");
        var page = $"/clinica/pacientes/{patient}";

        var wrong = Prescription("nota");
        wrong["Receta.OdEsfera"] = "30.25";
        wrong["Receta.OiEje"] = "181";
        var answer = await PostAsync(optometrist, page, "Receta", wrong);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Esfera OD: debe estar entre -30 y +30 en pasos de 0.25.", html, StringComparison.Ordinal);
        Assert.Contains("Eje OI: escriba un número entero de grados entre 0 y 180.", html, StringComparison.Ordinal);

        var renamed = await UploadAsync(optometrist, page, "examen.pdf", Encoding.ASCII.GetBytes("MZ este es un ejecutable con otro nombre ................"));
        Assert.Contains("no es un PDF válido", WebUtility.HtmlDecode(await renamed.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.ClinicalDocuments.CountAsync(Ct)));

        var real = PrescriptionPdf.Generate(new Prescription(new EyePrescription(-1m, null, null, null, null, null), new EyePrescription(0m, null, null, null, null, null), null, "Ana", "R-1", DateTime.UtcNow), "Óptica", "Luis", "0102030400");
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(optometrist, page, "examen.pdf", real)).StatusCode);
        var document = await app.WithDbAsync(db => db.ClinicalDocuments.AsNoTracking().SingleAsync(Ct));
        Assert.Equal(ClinicalDocumentKinds.UploadedPdf, document.Kind);
        Assert.StartsWith("v2:", document.ProtectedContent, StringComparison.Ordinal);
        var view = await optometrist.GetAsync($"{page}?handler=Documento&documento={document.Id}");
        Assert.Equal(real, await view.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains("documento_clinico.ver", await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Select(a => a.Action).ToListAsync(Ct)));
    }

    [Fact]
    public async Task Sellers_and_support_cannot_reach_the_patient_pages_nor_send()
    {
        var app = await NewAppAsync(Settings());
        var patient = await NewPatientAsync(app, "Rosa Vera", "rosa@correo.ec");
        foreach (var role in new[] { CarteroRoles.Vendedor, CarteroRoles.Soporte, CarteroRoles.Gerente, CarteroRoles.Cliente })
        {
            var session = await PanelSession.SignInAsync(app, role);
            var answer = await session.GetAsync($"/clinica/pacientes/{patient}");
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            Assert.Contains("acceso-denegado", answer.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.Emails.CountAsync(Ct)));
    }

    [Fact]
    public async Task Demo_seed_has_an_optometrist_who_may_send_and_a_consenting_patient()
    {
        var app = await NewAppAsync(Settings());

        Assert.Equal(0, await Cartero.Platform.Cli.CliModule.RunAsync(app.Services, ["demo", "seed"], new StringWriter(), new StringWriter()));

        Assert.Equal(1, await app.WithDbAsync(db => db.ClinicalConsents.CountAsync(c => c.WithdrawnAt == null, Ct)));
        var holder = await app.WithDbAsync(db => db.UserClaims.AsNoTracking().Where(c => c.ClaimType == ClinicalPermission.ClaimType && c.ClaimValue == ClinicalPermission.ClaimValue)
            .Join(db.Users, c => c.UserId, u => u.Id, (_, u) => u.Email).SingleAsync(Ct));
        Assert.Equal("optometrista@optica-demo.ec", holder);
    }

    private static Dictionary<string, string> Prescription(string notes) => new()
    {
        ["Receta.OdEsfera"] = "-1.25", ["Receta.OdCilindro"] = "-0.50", ["Receta.OdEje"] = "90", ["Receta.OdAdicion"] = "1.50", ["Receta.OdPrisma"] = "", ["Receta.OdDp"] = "31.5",
        ["Receta.OiEsfera"] = "-1,00", ["Receta.OiCilindro"] = "", ["Receta.OiEje"] = "", ["Receta.OiAdicion"] = "1.50", ["Receta.OiPrisma"] = "0.5", ["Receta.OiDp"] = "31",
        ["Receta.Notas"] = notes, ["Receta.Optometrista"] = "Ana Pérez", ["Receta.Registro"] = "SENESCYT-1027",
    };

    private static async Task<Guid> NewPrescriptionAsync(PanelSession optometrist, string page, string notes)
    {
        var answer = await PostAsync(optometrist, page, "Receta", Prescription(notes));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var html = await optometrist.GetStringAsync(page);
        return Guid.Parse(DocumentPattern().Match(html).Groups[1].Value);
    }

    private static async Task<Guid> NewPatientAsync(CarteroAppFactory app, string name, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();
        var customer = await customers.CreateAsync(new CustomerInput(name, "cedula", "0102030400", email, null, null), new Cartero.Platform.Auth.RequestActor("test", null, true), Ct);
        return customer.Id;
    }

    private static async Task GrantAsync(CarteroAppFactory app, PanelSession admin, string email)
    {
        var id = await app.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct));
        var answer = await admin.PostFormAsync("/usuarios", new() { ["conceder"] = "true" }, $"/usuarios?handler=PermisoClinico&id={id}");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
    }

    /// <summary>Posts "Enviar al paciente" and returns the page it leads to (with the refusal or the confirmation).</summary>
    private static async Task<string> SendAsync(PanelSession session, string page, Guid documentId)
    {
        var answer = await PostAsync(session, page, "Enviar", new() { ["documento"] = documentId.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return WebUtility.HtmlDecode(await session.GetStringAsync(page));
    }

    private static Task<HttpResponseMessage> PostAsync(PanelSession session, string page, string handler, Dictionary<string, string> fields) =>
        session.PostFormAsync(page, fields, $"{page}?handler={handler}");

    private static async Task<HttpResponseMessage> UploadAsync(PanelSession session, string page, string fileName, byte[] content)
    {
        var html = await session.GetStringAsync(page);
        var token = TokenPattern().Match(html);
        Assert.True(token.Success);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken");
        form.Add(new ByteArrayContent(content), "archivo", fileName);
        return await session.Client.PostAsync($"{page}?handler=Subir", form, Ct);
    }

    private static Task<int> ClinicalViewsAsync(CarteroAppFactory app, Guid emailId) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking().CountAsync(a => a.Action == "ver_correo_clinico" && a.Target == emailId.ToString(), Ct));

    private static async Task<MimeMessage> WaitForMessageAsync(SmtpPeer smtp, string to)
    {
        var messages = await Eventually.WaitForAsync(() => smtp.GetMessagesAsync(Ct), m => m.Any(x => x.To.Contains(to)), $"el correo a {to}");
        using var raw = new MemoryStream(Encoding.UTF8.GetBytes(messages.First(x => x.To.Contains(to)).Raw));
        return await MimeMessage.LoadAsync(raw, Ct);
    }

    private static string Latin1Of(string text) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));

    private static async Task<List<(string Where, string Text)>> DataFolderAsync(CarteroAppFactory app)
    {
        var found = new List<(string, string)>();
        foreach (var path in Directory.EnumerateFiles(app.DataDirectory, "*", SearchOption.AllDirectories))
        {
            if (path.Contains($"{Path.DirectorySeparatorChar}keys{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var bytes = new MemoryStream();
            await file.CopyToAsync(bytes, Ct);
            found.Add((Path.GetRelativePath(app.DataDirectory, path), Encoding.Latin1.GetString(bytes.ToArray())));
        }

        return found;
    }

    private static async Task<string> DumpAsync(string connectionString)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo("/usr/lib/postgresql/15/bin/pg_dump")
        {
            ArgumentList = { "--data-only", "-h", cs.Host!, "-p", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", cs.Username!, cs.Database! },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, await error);
        var dump = await output;
        Assert.Contains("documento_clinico", dump, StringComparison.Ordinal);
        return dump;
    }

    [GeneratedRegex("name=\"documento\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex DocumentPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public sealed class SqliteClinicalDocumentsTests() : ClinicalDocumentsTests(null);

public sealed class PostgresClinicalDocumentsTests(PostgresCluster postgres) : ClinicalDocumentsTests(postgres);
