using System.Reflection;

namespace Cartero.Features.Audit;

/// <summary>
/// The catalogue of what <c>log_auditoria.accion</c> may say: every action is one instance here, with its stored code
/// (Spanish, never changed once stored: the panel filters by it and old rows keep it) and the sentence the audit page
/// shows. Call sites name an instance (<c>AuditAction.CreateUser</c>), so a code cannot be mistyped at one of them.
/// </summary>
public sealed class AuditAction
{
    private AuditAction(string code, string? wording = null)
    {
        Code = code;
        Wording = wording;
    }

    /// <summary>As stored in <c>log_auditoria.accion</c>.</summary>
    public string Code { get; }

    /// <summary>The Spanish sentence on the audit page; null shows the code as words.</summary>
    public string? Wording { get; }

    // Sender account and secrets
    public static readonly AuditAction ChangeMailSettings = new("cambiar_configuracion_correo", "Cambió la cuenta de envío");
    public static readonly AuditAction TestMailSettings = new("probar_configuracion_correo", "Probó la cuenta de envío");
    public static readonly AuditAction ChangeInvoicingSettings = new("cambiar_configuracion_facturacion", "Cambió la configuración de facturación");
    public static readonly AuditAction RotateMasterKey = new("rotar_clave_maestra", "Rotó la clave maestra");
    public static readonly AuditAction ChangeTrackingSettings = new("cambiar_configuracion_seguimiento", "Cambió la configuración de seguimiento (webhook y píxel)");
    public static readonly AuditAction ChangeBrand = new("cambiar_marca", "Cambió el nombre del negocio");

    // API keys
    public static readonly AuditAction CreateApiKey = new("crear_clave_api", "Creó una clave de API");
    public static readonly AuditAction RevokeApiKey = new("revocar_clave_api", "Revocó una clave de API");
    public static readonly AuditAction RevokeUsersApiKeys = new("revocar_claves_api_de_usuario", "Revocó las claves de API de un usuario");

    // Users, sign-in, two-factor
    public static readonly AuditAction CreateUser = new("crear_usuario", "Creó un usuario");
    public static readonly AuditAction InviteUser = new("invitar_usuario", "Invitó a un usuario por correo");
    public static readonly AuditAction ChangeRoles = new("cambiar_roles", "Cambió los roles de un usuario");
    public static readonly AuditAction UnlockUser = new("desbloquear_usuario", "Desbloqueó a un usuario");
    public static readonly AuditAction DeactivateUser = new("desactivar_usuario", "Desactivó a un usuario");
    public static readonly AuditAction ReactivateUser = new("reactivar_usuario", "Reactivó a un usuario");
    public static readonly AuditAction ResetPassword = new("restablecer_contrasena", "Restableció una contraseña");
    public static readonly AuditAction ChangeOwnPassword = new("cambiar_contrasena_propia", "Cambió su propia contraseña");
    public static readonly AuditAction RequestPasswordRecovery = new("solicitar_recuperacion_contrasena", "Pidió un enlace para recuperar la contraseña");
    public static readonly AuditAction ResetPasswordWithLink = new("restablecer_contrasena_con_enlace", "Restableció su contraseña con un enlace");
    public static readonly AuditAction CreateInitialPassword = new("crear_contrasena_inicial", "Creó su primera contraseña con una invitación");
    public static readonly AuditAction RequireTwoFactor = new("doble_factor_obligatorio", "Cambió los roles que deben usar doble factor");
    public static readonly AuditAction CreateFirstAdministrator = new("crear_primer_administrador", "Creó el primer administrador");
    public static readonly AuditAction CreateAdministrator = new("crear_administrador", "Creó un administrador");
    public static readonly AuditAction SignIn = new("ingreso", "Ingresó al panel");
    public static readonly AuditAction SignInFailed = new("ingreso_fallido", "Intento de ingreso fallido");
    public static readonly AuditAction SignInDelayed = new("ingreso_demorado", "Ingreso demorado tras varios fallos");
    public static readonly AuditAction EnableTwoFactor = new("activar_doble_factor", "Activó el doble factor");
    public static readonly AuditAction DisableTwoFactor = new("desactivar_doble_factor", "Desactivó el doble factor");
    public static readonly AuditAction RegenerateRecoveryCodes = new("regenerar_codigos_recuperacion", "Generó códigos de recuperación nuevos");

    // Reading and exporting
    public static readonly AuditAction ExportEmails = new("exportar_correos", "Exportó el registro de correos");
    public static readonly AuditAction ExportInvoices = new("exportar_facturas", "Exportó facturas");
    public static readonly AuditAction ExportUndelivered = new("exportar_comprobantes_sin_entregar");
    public static readonly AuditAction ArchiveDocuments = new("archivar_comprobantes");
    public static readonly AuditAction ExportAudit = new("exportar_auditoria", "Exportó el registro de auditoría");
    public static readonly AuditAction DownloadAttachment = new("descargar_adjunto", "Descargó un adjunto");
    public static readonly AuditAction DownloadEml = new("descargar_eml", "Descargó el .eml enviado de un correo");
    public static readonly AuditAction GenerateProof = new("generar_constancia", "Generó una constancia de envío");
    public static readonly AuditAction ViewClinicalEmail = new("ver_correo_clinico");
    public static readonly AuditAction ExportOwnData = new("exportar_datos_propios", "Descargó sus datos personales («Mis datos»)");
    public static readonly AuditAction ExportCustomerData = new("exportar_datos_cliente", "Entregó los datos personales de un cliente a su pedido");

    // Sending and tracking
    public static readonly AuditAction RetryEmail = new("reintentar_correo", "Reintentó un correo");
    public static readonly AuditAction RetryEmailBatch = new("reintentar_correos_lote", "Reintentó correos en lote");
    public static readonly AuditAction AddSuppression = new("agregar_supresion", "Agregó una dirección a la lista de supresión");
    public static readonly AuditAction RemoveSuppression = new("quitar_supresion", "Quitó una dirección de la lista de supresión");
    public static readonly AuditAction ReplayWebhook = new("reaplicar_webhook", "Volvió a aplicar un lote recibido por webhook");

    // Retention and tamper evidence
    public static readonly AuditAction ChangeRetention = new("cambiar_retencion", "Cambió cuánto se guarda el contenido de un tipo de correo");
    public static readonly AuditAction PlaceLegalHold = new("poner_retencion_legal", "Puso una retención legal");
    public static readonly AuditAction LiftLegalHold = new("quitar_retencion_legal", "Quitó una retención legal");
    public static readonly AuditAction PurgeContent = new("depurar_contenido", "Depuró el contenido vencido de correos");
    public static readonly AuditAction SealChains = new(ChainSeal.Action, "Selló las filas anteriores a la firma con clave");

    // Invoicing
    public static readonly AuditAction ReissueInvoice = new("emitir_factura_de_nuevo");
    public static readonly AuditAction AnnulInvoice = new("anular_factura");
    public static readonly AuditAction CorrectCreditNote = new("corregir_nota_credito", "Corrigió una nota de crédito devuelta");
    public static readonly AuditAction AbandonCreditNote = new("abandonar_nota_credito", "Abandonó una nota de crédito devuelta");
    public static readonly AuditAction ChangeEstablishment = new("cambiar_establecimiento");
    public static readonly AuditAction ChangeEmissionPoint = new("cambiar_punto_emision");

    // Store
    public static readonly AuditAction CreateProduct = new("producto.crear");
    public static readonly AuditAction ReplenishProduct = new("producto.reponer");
    public static readonly AuditAction CreateCustomer = new("cliente.crear");
    public static readonly AuditAction EditCustomer = new("cliente.editar");
    public static readonly AuditAction LinkCustomerUser = new("cliente.vincular_usuario");
    public static readonly AuditAction NegativeStockSale = new("venta.stock_negativo");

    // Clinical documents
    public static readonly AuditAction GrantClinicalPermission = new("conceder_permiso_clinico");
    public static readonly AuditAction RevokeClinicalPermission = new("retirar_permiso_clinico");
    public static readonly AuditAction RecordClinicalConsent = new("consentimiento_clinico.registrar");
    public static readonly AuditAction WithdrawClinicalConsent = new("consentimiento_clinico.retirar");
    public static readonly AuditAction CreateClinicalDocument = new("documento_clinico.crear");
    public static readonly AuditAction ViewClinicalDocument = new("documento_clinico.ver");
    public static readonly AuditAction SendClinicalDocument = new("documento_clinico.enviar");
    public static readonly AuditAction ClinicalDocumentRefused = new("documento_clinico.envio_rechazado");
    public static readonly AuditAction VoidClinicalDocument = new("documento_clinico.anular", "Anuló un documento clínico");
    public static readonly AuditAction ClinicalVoidRefused = new("documento_clinico.anulacion_rechazada", "Se rechazó anular un documento clínico");

    /// <summary>Every action, in the order above.</summary>
    public static IReadOnlyList<AuditAction> All { get; } = typeof(AuditAction)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(AuditAction))
        .Select(f => (AuditAction)f.GetValue(null)!)
        .ToList();

    private static readonly Dictionary<string, AuditAction> ByCode = All.ToDictionary(a => a.Code, StringComparer.Ordinal);

    /// <summary>The action stored under <paramref name="code"/>, or null for a code no longer (or never) in the catalogue.</summary>
    public static AuditAction? Find(string code) => ByCode.GetValueOrDefault(code);

    public override string ToString() => Code;
}
