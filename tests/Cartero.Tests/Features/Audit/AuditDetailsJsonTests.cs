using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;

namespace Cartero.Tests.Features.Audit;

/// <summary>
/// <c>log_auditoria.detalle</c> is covered by the chain hash, so typing the details must not change a byte of it: for
/// each action below the typed record, recorded through <see cref="AuditRecord.Of{TDetails}"/>, serialises exactly as
/// the anonymous object the call site used to pass (written out here, and serialised alongside as a cross-check).
/// </summary>
public sealed class AuditDetailsJsonTests
{
    private static readonly Guid Id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static readonly Guid Other = Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7");

    private static void Same(AuditRecord typed, object old, string expected)
    {
        Assert.Equal(expected, AuditTrail.SerializeDetails(old));
        Assert.Equal(expected, AuditTrail.SerializeDetails(typed.Details));
    }

    private static AuditRecord Of<TDetails>(AuditAction<TDetails> action, TDetails details)
        where TDetails : class =>
        AuditRecord.Of("admin@optica.ec", "10.0.0.5", action, "objeto", details);

    [Fact]
    public void Settings_changes_are_stored_as_the_bare_dictionary()
    {
        var changes = new Dictionary<string, object?>
        {
            ["host"] = new { antes = "smtp.viejo.ec", despues = "smtp.optica.ec" },
            ["contrasena"] = "cambiada",
            ["puerto"] = new { antes = 25, despues = 587 },
        };
        Same(Of(AuditAction.ChangeMailSettings, new SettingsChangesDetails(changes)), changes,
            """{"host":{"antes":"smtp.viejo.ec","despues":"smtp.optica.ec"},"contrasena":"cambiada","puerto":{"antes":25,"despues":587}}""");
        Assert.Same(AuditAction.ChangeInvoicingSettings, AuditAction.Find("cambiar_configuracion_facturacion"));
    }

    [Fact]
    public void Retry_single_and_batch()
    {
        Same(Of(AuditAction.RetryEmail, new RetryEmailDetails("panel")), new { desde = "panel" }, """{"desde":"panel"}""");
        var filter = new Dictionary<string, string> { ["estado"] = "fallido", ["texto"] = "pedido" };
        Same(Of(AuditAction.RetryEmailBatch, new RetryEmailBatchDetails(filter, 2)), new { filtro = filter, correos = (int?)2 },
            """{"filtro":{"estado":"fallido","texto":"pedido"},"correos":2}""");
    }

    [Fact]
    public void Exports_keep_their_filters_and_row_counts()
    {
        Same(Of(AuditAction.ExportAudit, new ExportAuditDetails(40)), new { filas = 40L }, """{"filas":40}""");
        var from = new DateOnly(2026, 11, 1);
        Same(Of(AuditAction.ExportInvoices, new ExportInvoicesDetails(new InvoiceExportFilterDetails("autorizada", null, null, from, null), 3)),
            new { filtro = new { estado = "autorizada", referencia = (string?)null, clave_acceso = (string?)null, desde = (DateOnly?)from, hasta = (DateOnly?)null }, filas = 3L },
            """{"filtro":{"estado":"autorizada","referencia":null,"clave_acceso":null,"desde":"2026-11-01","hasta":null},"filas":3}""");
        Same(Of(AuditAction.ExportCustomerData, new PersonalDataExportDetails(["cliente", "correos"], null)),
            new { secciones = new[] { "cliente", "correos" }, motivo = (string?)null },
            """{"secciones":["cliente","correos"],"motivo":null}""");
    }

    [Fact]
    public void Clinical_details_hold_ids_and_lengths_only()
    {
        Same(Of(AuditAction.ViewClinicalEmail, new ClinicalEmailViewDetails(false)), new { contenido = false }, """{"contenido":false}""");
        Same(Of(AuditAction.ViewClinicalEmail, new ClinicalEmailViewDetails(true, "vista")), new { contenido = true, parte = "vista" },
            """{"contenido":true,"parte":"vista"}""");
        Same(Of(AuditAction.VoidClinicalDocument, new VoidClinicalDocumentDetails(Id, "receta", 12)), new { cliente = Id, tipo = "receta", largo_motivo = 12 },
            """{"cliente":"0f8fad5b-d9cb-469f-a165-70867728950e","tipo":"receta","largo_motivo":12}""");
        Same(Of(AuditAction.WithdrawClinicalConsent, new WithdrawClinicalConsentDetails(new[] { Id, Other }.Select(g => g))),
            new { consentimientos = new[] { Id, Other }.Select(g => g) },
            """{"consentimientos":["0f8fad5b-d9cb-469f-a165-70867728950e","7c9e6679-7425-40de-944b-e07fc1f90ae7"]}""");
    }

    [Fact]
    public void Credit_notes_keep_decimal_amounts_as_written()
    {
        Same(Of(AuditAction.AbandonCreditNote, new AbandonCreditNoteDetails(Id, "001-001-000000007", "0112202604179001234400120010010000000071234567811", "001-001-000000123", 11.50m, 0.00m, "el SRI la devolvió; se emite otra")),
            new { id = Id, numero = "001-001-000000007", clave_acceso = "0112202604179001234400120010010000000071234567811", factura = "001-001-000000123", valor_liberado = 11.50m, queda_por_acreditar = 0.00m, motivo = "el SRI la devolvió; se emite otra" },
            """{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","numero":"001-001-000000007","clave_acceso":"0112202604179001234400120010010000000071234567811","factura":"001-001-000000123","valor_liberado":11.50,"queda_por_acreditar":0.00,"motivo":"el SRI la devolvió; se emite otra"}""");
        Same(Of(AuditAction.CorrectCreditNote, new CorrectCreditNoteDetails(Id, "001-001-000000007", "clave", null, "devolución")),
            new { id = Id, numero = "001-001-000000007", clave_acceso = "clave", motivo_anterior = (string?)null, motivo = "devolución" },
            """{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","numero":"001-001-000000007","clave_acceso":"clave","motivo_anterior":null,"motivo":"devolución"}""");
    }

    [Fact]
    public void Nested_shapes_keep_their_names()
    {
        Same(Of(AuditAction.ChangeRetention, new ChangeRetentionDetails("factura", new RetentionDaysChange(30, 90))),
            new { tipo_correo = "factura", dias = new { antes = 30, despues = 90 } },
            """{"tipo_correo":"factura","dias":{"antes":30,"despues":90}}""");
        Same(Of(AuditAction.ReissueInvoice, new ReissueInvoiceDetails(new InvoiceReferenceDetails(Id, "001-001-000000001", "a"), new InvoiceReferenceDetails(Other, "001-001-000000002", "b"), "dirección errada")),
            new { abandonada = new { id = Id, numero = "001-001-000000001", clave_acceso = "a" }, reemplazo = new { id = Other, numero = "001-001-000000002", clave_acceso = "b" }, motivo = "dirección errada" },
            """{"abandonada":{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","numero":"001-001-000000001","clave_acceso":"a"},"reemplazo":{"id":"7c9e6679-7425-40de-944b-e07fc1f90ae7","numero":"001-001-000000002","clave_acceso":"b"},"motivo":"dirección errada"}""");
        Same(Of(AuditAction.ChangeEstablishment, new ChangeEstablishmentDetails(null, new EstablishmentValues("Matriz", "Av. Amazonas"))),
            new { antes = (object?)null, despues = new { nombre = "Matriz", direccion = "Av. Amazonas" } },
            """{"antes":null,"despues":{"nombre":"Matriz","direccion":"Av. Amazonas"}}""");
        var snapshot = new TrackingSettingsSnapshot(true, "…abcd1234", 300, false, "notificacion_clinica");
        var oldSnapshot = new { webhook_activo = true, clave_publica = "…abcd1234", tolerancia_segundos = 300, pixel_activo = false, tipos_sin_pixel = "notificacion_clinica" };
        Same(Of(AuditAction.ChangeTrackingSettings, new TrackingSettingsChangeDetails(snapshot, snapshot)), new { antes = (object)oldSnapshot, despues = (object)oldSnapshot },
            """{"antes":{"webhook_activo":true,"clave_publica":"…abcd1234","tolerancia_segundos":300,"pixel_activo":false,"tipos_sin_pixel":"notificacion_clinica"},"despues":{"webhook_activo":true,"clave_publica":"…abcd1234","tolerancia_segundos":300,"pixel_activo":false,"tipos_sin_pixel":"notificacion_clinica"}}""");
    }

    [Fact]
    public void Camel_cased_and_null_valued_members_are_unchanged()
    {
        Same(Of(AuditAction.CreateProduct, new CreateProductDetails("ARM-01", 5, 2)), new { Code = "ARM-01", Stock = 5, MinimumStock = 2 },
            """{"code":"ARM-01","stock":5,"minimumStock":2}""");
        Same(Of(AuditAction.SignInDelayed, new SignInDelayedDetails(4, 6, 9)), new { esperaSegundos = 4, fallosCuenta = 6, fallosDireccion = 9 },
            """{"esperaSegundos":4,"fallosCuenta":6,"fallosDireccion":9}""");
        Same(Of(AuditAction.TestMailSettings, new TestMailSettingsDetails(null, "pruebas@optica.ec", "fallido", null, true)),
            new { correo = (Guid?)null, destino = "pruebas@optica.ec", resultado = "fallido", codigo = (int?)null, ajustesSinGuardar = true },
            """{"correo":null,"destino":"pruebas@optica.ec","resultado":"fallido","codigo":null,"ajustesSinGuardar":true}""");
        Same(Of(AuditAction.DownloadEml, new Sha256Details("ab12")), new { sha256 = "ab12" }, """{"sha256":"ab12"}""");
    }

    [Fact]
    public void Actions_without_details_store_none()
    {
        var record = AuditRecord.Of("admin@optica.ec", null, AuditAction.ResetPassword, "ana@optica.ec");
        Assert.Null(record.Details);
        Assert.Null(AuditTrail.SerializeDetails(record.Details));
        Assert.Same(AuditAction.ResetPassword, record.Action);
    }
}
