using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cartero.Features.Audit;
using Cartero.Features.Clinical;
using Cartero.Features.Invoicing;
using Cartero.Features.Privacy;
using Cartero.Features.Sending;
using Cartero.Features.Store;
using Cartero.Platform.Auth;
using Cartero.Platform.Identity;
using Cartero.Tests.Features.Invoicing;
using Cartero.Tests.Features.Store;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Tests.Features.Privacy;

/// <summary>
/// "Mis datos" on both engines: two customers with mail, receipts, authorised invoices and lens orders; each ZIP holds
/// its owner's data and not one name, address, id or number of the other; the admin's copy is audited with its reason;
/// no id in the request can make a customer's download somebody else's.
/// </summary>
public abstract class PersonalDataExportTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    private static readonly RequestActor Staff = new("vendedora@optica.ec", "127.0.0.1", false);

    [Fact]
    public async Task Each_customer_zip_holds_exactly_their_own_data_and_nothing_of_the_other()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var sri = new SriScript();
        var settings = new Dictionary<string, string?>(sri.Settings())
        {
            ["Cartero:Worker:Enabled"] = "true",
            ["Cartero:Worker:PollInterval"] = "00:00:00.100",
        };
        var app = await NewAppAsync(settings);
        await app.ConfigureSmtpAsync(smtp.Port);
        var store = await StoreAsync(app);
        var admin = await app.CreateApiClientAsync(admin: true);
        Assert.True((await admin.PutAsJsonAsync("/api/v1/settings/invoicing", InvoicingTests.SettingsBody(), Ct)).IsSuccessStatusCode);
        var anaInvoiced = await StoreFixture.SellAsync(app, store.Seller, store.Ana.Id, store.Product.Id, mail: true);
        var brunoInvoiced = await StoreFixture.SellAsync(app, store.Seller, store.Bruno.Id, store.Product.Id, mail: true);
        var anaOrder = await OrderReadyAsync(app, anaInvoiced.Id, "RX-ANA-0001");
        var brunoOrder = await OrderReadyAsync(app, brunoInvoiced.Id, "RX-BRUNO-0002");
        // Clinical data is the person's too: a consent each, and a prescription each whose notes must not cross over.
        await StoreFixture.WithAsync<ClinicalConsents, ClinicalConsent>(app, c => c.RecordAsync(store.Ana.Id, ConsentMethods.SignedForm, Staff, Ct));
        await StoreFixture.WithAsync<ClinicalConsents, ClinicalConsent>(app, c => c.RecordAsync(store.Bruno.Id, ConsentMethods.VerbalAtCounter, Staff, Ct));
        await StoreFixture.WithAsync<ClinicalDocuments, ClinicalDocument>(app, d => d.CreatePrescriptionAsync(store.Ana.Id, Prescription("Control anual de Ana"), Staff, Ct));
        var brunoPrescription = await StoreFixture.WithAsync<ClinicalDocuments, ClinicalDocument>(app, d => d.CreatePrescriptionAsync(store.Bruno.Id, Prescription("RX-BRUNO lectura cercana"), Staff, Ct));
        // Receipt, invoice and the order notice for each: six mails sent through the real SMTP server.
        await Eventually.WaitForAsync(() => app.WithDbAsync(db => db.Emails.CountAsync(e => e.Status == EmailStatus.Enviado, Ct)), n => n == 6, "los seis correos enviados");
        var brunoInvoice = await app.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == brunoInvoiced.InvoiceId, Ct));
        var anaInvoice = await app.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == anaInvoiced.InvoiceId, Ct));
        Assert.Equal(InvoiceStatus.Autorizada, anaInvoice.Status);
        var brunoMail = await app.WithDbAsync(db => db.Emails.AsNoTracking().Where(e => e.RecipientId == store.Bruno.Id.ToString()).Select(e => e.Id).ToListAsync(Ct));
        var ana = await PanelSession.SignInAsync(app, CarteroRoles.Cliente, "ana.benitez@correo.ec", customerId: store.Ana.Id.ToString());

        var response = await ana.PostFormAsync("/mis-datos", []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        var entries = await EntriesAsync(response);
        Assert.Contains("datos.json", entries.Keys);
        Assert.Contains("resumen.html", entries.Keys);
        Assert.Contains($"facturas/factura-{anaInvoice.Number}.xml", entries.Keys);
        Assert.Contains($"facturas/RIDE-factura-{anaInvoice.Number}.pdf", entries.Keys);
        Assert.Contains($"comprobantes/comprobante-{store.AnaReceipt.Number}.pdf", entries.Keys);
        Assert.Contains(entries.Keys, k => k.StartsWith("correos/", StringComparison.Ordinal));
        Assert.Contains(anaInvoice.AccessKey, entries[$"facturas/factura-{anaInvoice.Number}.xml"], StringComparison.Ordinal);
        Assert.Contains("Ana Lucía Benítez Mora", entries[$"facturas/RIDE-factura-{anaInvoice.Number}.pdf"], StringComparison.Ordinal);

        using var json = JsonDocument.Parse(entries["datos.json"]);
        var root = json.RootElement;
        Assert.Equal("1712345675", root.GetProperty("perfil").GetProperty("identificacion").GetString());
        Assert.Equal("Av. Amazonas N24-100, Quito", root.GetProperty("perfil").GetProperty("direccion").GetString());
        Assert.Equal(3, root.GetProperty("correos").GetArrayLength());
        Assert.All(root.GetProperty("correos").EnumerateArray(), m => Assert.NotEqual(0, m.GetProperty("eventos").GetArrayLength()));
        Assert.Equal(anaInvoice.AccessKey, root.GetProperty("facturas").EnumerateArray().Single().GetProperty("clave_acceso").GetString());
        Assert.Equal([store.AnaReceipt.Number, anaInvoiced.Number], root.GetProperty("compras").EnumerateArray().Select(s => s.GetProperty("numero").GetString()).ToArray());
        Assert.Equal(anaOrder.Number, root.GetProperty("pedidos").EnumerateArray().Single().GetProperty("numero").GetString());
        var clinical = root.GetProperty("datos_clinicos");
        Assert.Equal(ConsentMethods.SignedForm, clinical.GetProperty("consentimientos").EnumerateArray().Single().GetProperty("medio").GetString());
        var clinicalFile = clinical.GetProperty("documentos").EnumerateArray().Single().GetProperty("archivo").GetString()!;
        Assert.Contains("Control anual de Ana", entries[clinicalFile], StringComparison.Ordinal);
        var summary = entries["resumen.html"];
        Assert.Contains("<html lang=\"es\">", summary, StringComparison.Ordinal);
        Assert.Contains("Ana Lucía Benítez Mora", summary, StringComparison.Ordinal);
        foreach (var external in new[] { "src=", "<script", "<link", "url(", "@import", "href=\"http" })
        {
            Assert.DoesNotContain(external, summary, StringComparison.OrdinalIgnoreCase);
        }

        string[] bruno =
        [
            "Bruno", "Carrión", "bruno.carrion", "1757654320", "0982222222", "Calle Sucre", "Cuenca", store.Bruno.Id.ToString(),
            store.BrunoReceipt.Id.ToString(), store.BrunoReceipt.Number, brunoInvoiced.Id.ToString(), brunoInvoiced.Number, brunoInvoice.AccessKey,
            brunoInvoice.Id.ToString(), brunoOrder.Id.ToString(), brunoOrder.Number, "RX-BRUNO", brunoPrescription.Id.ToString(), ConsentMethods.VerbalAtCounter, .. brunoMail.Select(id => id.ToString()),
        ];
        foreach (var (name, text) in entries)
        {
            foreach (var value in bruno)
            {
                Assert.False(text.Contains(value, StringComparison.OrdinalIgnoreCase), $"{name} contiene «{value}», que es de otro cliente");
            }
        }

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == AuditAction.ExportOwnData.Code, Ct));
        Assert.Equal(("ana.benitez@correo.ec", $"cliente:{store.Ana.Id}"), (audit.Actor, audit.Target));
    }

    [Fact]
    public async Task An_admin_produces_the_same_file_for_a_request_received_otherwise_and_the_reason_is_audited()
    {
        var app = await NewAppAsync();
        var store = await StoreAsync(app);
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);
        var page = $"/tienda/clientes/{store.Ana.Id}/datos";

        var missing = await admin.PostFormAsync(page, new() { ["Reason"] = " " });

        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("Escriba el motivo", await missing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.ExportCustomerData.Code, Ct)));
        Assert.Contains(page, await admin.GetStringAsync($"/tienda/clientes/{store.Ana.Id}"), StringComparison.Ordinal);

        var response = await admin.PostFormAsync(page, new() { ["Reason"] = "Carta de la titular recibida en el local el 1/12" });

        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        var entries = await EntriesAsync(response);
        Assert.Contains("Ana Lucía Benítez Mora", entries["datos.json"], StringComparison.Ordinal);
        Assert.Contains($"comprobantes/comprobante-{store.AnaReceipt.Number}.pdf", entries.Keys);
        Assert.DoesNotContain("Bruno", string.Concat(entries.Values), StringComparison.Ordinal);
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == AuditAction.ExportCustomerData.Code, Ct));
        Assert.Equal(("admin@optica.ec", $"cliente:{store.Ana.Id}"), (audit.Actor, audit.Target));
        Assert.Contains("Carta de la titular recibida en el local el 1/12", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_cannot_get_another_customers_data_by_changing_an_id()
    {
        var app = await NewAppAsync();
        var store = await StoreAsync(app);
        var ana = await PanelSession.SignInAsync(app, CarteroRoles.Cliente, "ana.benitez@correo.ec", customerId: store.Ana.Id.ToString());
        var seller = await PanelSession.SignInAsync(app, CarteroRoles.Vendedor, "otra.vendedora@optica.ec");

        var tampered = await ana.PostFormAsync("/mis-datos", new() { ["id"] = store.Bruno.Id.ToString(), ["customerId"] = store.Bruno.Id.ToString() },
            $"/mis-datos?id={store.Bruno.Id}&customerId={store.Bruno.Id}");

        var entries = await EntriesAsync(tampered);
        Assert.Contains("1712345675", entries["datos.json"], StringComparison.Ordinal);
        Assert.DoesNotContain("1757654320", string.Concat(entries.Values), StringComparison.Ordinal);
        foreach (var session in new[] { ana, seller })
        {
            var page = await session.GetAsync($"/tienda/clientes/{store.Bruno.Id}/datos");
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Contains("/cuenta/acceso-denegado", page.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        var unlinked = await PanelSession.SignInAsync(app, CarteroRoles.Cliente, "sin.ficha@correo.ec");
        var none = await unlinked.PostFormAsync("/mis-datos", []);
        Assert.Equal("text/html", none.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no está vinculada", await none.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private sealed record Store(Seller Seller, Product Product, Customer Ana, Customer Bruno, Sale AnaReceipt, Sale BrunoReceipt);

    private static PrescriptionInput Prescription(string notes) => new()
    {
        OdEsfera = "-1.50", OiEsfera = "-1.25", Notas = notes, Optometrista = "Olga Optometrista", Registro = "SENESCYT-2044",
    };

    /// <summary>Two customers with a receipt each (invoicing not configured yet, so the sale mails a receipt).</summary>
    private static async Task<Store> StoreAsync(CarteroAppFactory app)
    {
        var seller = await StoreFixture.UserAsync(app, CarteroRoles.Vendedor, "vendedora@optica.ec");
        var product = await StoreFixture.ProductAsync(app, "ARM-77", stock: 100, minimum: 0);
        var ana = await StoreFixture.WithAsync<CustomerService, Customer>(app, s => s.CreateAsync(
            new CustomerInput("Ana Lucía Benítez Mora", IdentificationTypes.Cedula, "1712345675", "ana.benitez@correo.ec", "0991111111", "Av. Amazonas N24-100, Quito"), Staff, Ct));
        var bruno = await StoreFixture.WithAsync<CustomerService, Customer>(app, s => s.CreateAsync(
            new CustomerInput("Bruno Carrión Vega", IdentificationTypes.Cedula, "1757654320", "bruno.carrion@correo.ec", "0982222222", "Calle Sucre 200, Cuenca"), Staff, Ct));
        var anaReceipt = await StoreFixture.SellAsync(app, seller, ana.Id, product.Id, mail: true);
        var brunoReceipt = await StoreFixture.SellAsync(app, seller, bruno.Id, product.Id, mail: true);
        return new Store(seller, product, ana, bruno, anaReceipt, brunoReceipt);
    }

    private static async Task<LensOrder> OrderReadyAsync(CarteroAppFactory app, Guid saleId, string prescription)
    {
        var order = await StoreFixture.WithAsync<LensOrderService, LensOrder>(app, s => s.CreateAsync(saleId, prescription, "Laboratorio Andes", null, Staff, Ct));
        await StoreFixture.WithAsync<LensOrderService, LensOrder?>(app, s => s.MoveAsync(order.Id, LensOrderStatus.EnLaboratorio, Staff, false, Ct));
        await StoreFixture.WithAsync<LensOrderService, LensOrder?>(app, s => s.MoveAsync(order.Id, LensOrderStatus.ListoParaRetirar, Staff, false, Ct));
        return order;
    }

    /// <summary>Every entry of the ZIP as text: PDFs through pdftotext, the rest as UTF-8.</summary>
    private static async Task<Dictionary<string, string>> EntriesAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct)), ZipArchiveMode.Read);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var bytes = new MemoryStream();
            await stream.CopyToAsync(bytes, Ct);
            entries[entry.FullName] = entry.FullName.EndsWith(".pdf", StringComparison.Ordinal) ? PdfText(bytes.ToArray()) : Encoding.UTF8.GetString(bytes.ToArray());
        }

        return entries;
    }

    private static string PdfText(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cartero-misdatos-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}

public sealed class SqlitePersonalDataExportTests() : PersonalDataExportTests(null);

public sealed class PostgresPersonalDataExportTests(PostgresCluster postgres) : PersonalDataExportTests(postgres);
