using System.Reflection;
using Cartero.Features.Audit.Details;

namespace Cartero.Features.Audit;

/// <summary>
/// The catalogue of what <c>log_auditoria.accion</c> may say: every action is one instance here, with its stored code
/// (Spanish, never changed once stored: the panel filters by it and old rows keep it) and the sentence the audit page
/// shows. Call sites name an instance (<c>AuditAction.CreateUser</c>), so a code cannot be mistyped at one of them.
/// Each is an <see cref="AuditAction{TDetails}"/> naming the record its <c>detalle</c> holds (<see cref="NoDetails"/>
/// when it holds none), so a call site cannot store the wrong shape.
/// </summary>
public abstract class AuditAction
{
    private protected AuditAction(string code, string? wording = null)
    {
        Code = code;
        Wording = wording;
    }

    /// <summary>As stored in <c>log_auditoria.accion</c>.</summary>
    public string Code { get; }

    /// <summary>The Spanish sentence on the audit page; null shows the code as words.</summary>
    public string? Wording { get; }

    // Sender account and secrets
    public static readonly AuditAction<SettingsChangesDetails> ChangeMailSettings = new("cambiar_configuracion_correo", "Cambió la cuenta de envío");
    public static readonly AuditAction<TestMailSettingsDetails> TestMailSettings = new("probar_configuracion_correo", "Probó la cuenta de envío");
    public static readonly AuditAction<SettingsChangesDetails> ChangeInvoicingSettings = new("cambiar_configuracion_facturacion", "Cambió la configuración de facturación");
    public static readonly AuditAction<RotateMasterKeyDetails> RotateMasterKey = new("rotar_clave_maestra", "Rotó la clave maestra");
    public static readonly AuditAction<TrackingSettingsChangeDetails> ChangeTrackingSettings = new("cambiar_configuracion_seguimiento", "Cambió la configuración de seguimiento (webhook y píxel)");
    public static readonly AuditAction<ChangeBrandDetails> ChangeBrand = new("cambiar_marca", "Cambió el nombre del negocio");

    // API keys
    public static readonly AuditAction<CreateApiKeyDetails> CreateApiKey = new("crear_clave_api", "Creó una clave de API");
    public static readonly AuditAction<RevokeApiKeyDetails> RevokeApiKey = new("revocar_clave_api", "Revocó una clave de API");
    public static readonly AuditAction<RevokeUsersApiKeysDetails> RevokeUsersApiKeys = new("revocar_claves_api_de_usuario", "Revocó las claves de API de un usuario");

    // Users, sign-in, two-factor
    public static readonly AuditAction<CreateUserDetails> CreateUser = new("crear_usuario", "Creó un usuario");
    public static readonly AuditAction<InviteUserDetails> InviteUser = new("invitar_usuario", "Invitó a un usuario por correo");
    public static readonly AuditAction<ChangeRolesDetails> ChangeRoles = new("cambiar_roles", "Cambió los roles de un usuario");
    public static readonly AuditAction<NoDetails> UnlockUser = new("desbloquear_usuario", "Desbloqueó a un usuario");
    public static readonly AuditAction<DeactivateUserDetails> DeactivateUser = new("desactivar_usuario", "Desactivó a un usuario");
    public static readonly AuditAction<NoDetails> ReactivateUser = new("reactivar_usuario", "Reactivó a un usuario");
    public static readonly AuditAction<NoDetails> ResetPassword = new("restablecer_contrasena", "Restableció una contraseña");
    public static readonly AuditAction<NoDetails> ChangeOwnPassword = new("cambiar_contrasena_propia", "Cambió su propia contraseña");
    public static readonly AuditAction<RecoveryRequestDetails> RequestPasswordRecovery = new("solicitar_recuperacion_contrasena", "Pidió un enlace para recuperar la contraseña");
    public static readonly AuditAction<NoDetails> ResetPasswordWithLink = new("restablecer_contrasena_con_enlace", "Restableció su contraseña con un enlace");
    public static readonly AuditAction<NoDetails> CreateInitialPassword = new("crear_contrasena_inicial", "Creó su primera contraseña con una invitación");
    public static readonly AuditAction<TwoFactorPolicyDetails> RequireTwoFactor = new("doble_factor_obligatorio", "Cambió los roles que deben usar doble factor");
    public static readonly AuditAction<AdministratorCreatedDetails> CreateFirstAdministrator = new("crear_primer_administrador", "Creó el primer administrador");
    public static readonly AuditAction<AdministratorCreatedDetails> CreateAdministrator = new("crear_administrador", "Creó un administrador");
    public static readonly AuditAction<SignInDetails> SignIn = new("ingreso", "Ingresó al panel");
    public static readonly AuditAction<SignInFailedDetails> SignInFailed = new("ingreso_fallido", "Intento de ingreso fallido");
    public static readonly AuditAction<SignInDelayedDetails> SignInDelayed = new("ingreso_demorado", "Ingreso demorado tras varios fallos");
    public static readonly AuditAction<EnableTwoFactorDetails> EnableTwoFactor = new("activar_doble_factor", "Activó el doble factor");
    public static readonly AuditAction<NoDetails> DisableTwoFactor = new("desactivar_doble_factor", "Desactivó el doble factor");
    public static readonly AuditAction<RecoveryCodesDetails> RegenerateRecoveryCodes = new("regenerar_codigos_recuperacion", "Generó códigos de recuperación nuevos");

    // Reading and exporting
    public static readonly AuditAction<ExportEmailsDetails> ExportEmails = new("exportar_correos", "Exportó el registro de correos");
    public static readonly AuditAction<ExportInvoicesDetails> ExportInvoices = new("exportar_facturas", "Exportó facturas");
    public static readonly AuditAction<ExportUndeliveredDetails> ExportUndelivered = new("exportar_comprobantes_sin_entregar");
    public static readonly AuditAction<ArchiveDocumentsDetails> ArchiveDocuments = new("archivar_comprobantes");
    public static readonly AuditAction<ExportAuditDetails> ExportAudit = new("exportar_auditoria", "Exportó el registro de auditoría");
    public static readonly AuditAction<Sha256Details> DownloadAttachment = new("descargar_adjunto", "Descargó un adjunto");
    public static readonly AuditAction<Sha256Details> DownloadEml = new("descargar_eml", "Descargó el .eml enviado de un correo");
    public static readonly AuditAction<ProofDetails> GenerateProof = new("generar_constancia", "Generó una constancia de envío");
    public static readonly AuditAction<ClinicalEmailViewDetails> ViewClinicalEmail = new("ver_correo_clinico");
    public static readonly AuditAction<PersonalDataExportDetails> ExportOwnData = new("exportar_datos_propios", "Descargó sus datos personales («Mis datos»)");
    public static readonly AuditAction<PersonalDataExportDetails> ExportCustomerData = new("exportar_datos_cliente", "Entregó los datos personales de un cliente a su pedido");

    // Sending and tracking
    public static readonly AuditAction<RetryEmailDetails> RetryEmail = new("reintentar_correo", "Reintentó un correo");
    public static readonly AuditAction<RetryEmailBatchDetails> RetryEmailBatch = new("reintentar_correos_lote", "Reintentó correos en lote");
    public static readonly AuditAction<AddSuppressionDetails> AddSuppression = new("agregar_supresion", "Agregó una dirección a la lista de supresión");
    public static readonly AuditAction<RemoveSuppressionDetails> RemoveSuppression = new("quitar_supresion", "Quitó una dirección de la lista de supresión");
    public static readonly AuditAction<WebhookReplayDetails> ReplayWebhook = new("reaplicar_webhook", "Volvió a aplicar un lote recibido por webhook");

    // Retention and tamper evidence
    public static readonly AuditAction<ChangeRetentionDetails> ChangeRetention = new("cambiar_retencion", "Cambió cuánto se guarda el contenido de un tipo de correo");
    public static readonly AuditAction<LegalHoldDetails> PlaceLegalHold = new("poner_retencion_legal", "Puso una retención legal");
    public static readonly AuditAction<LegalHoldDetails> LiftLegalHold = new("quitar_retencion_legal", "Quitó una retención legal");
    public static readonly AuditAction<PurgeContentDetails> PurgeContent = new("depurar_contenido", "Depuró el contenido vencido de correos");
    public static readonly AuditAction<ChainSeal> SealChains = new(ChainSeal.Action, "Selló las filas anteriores a la firma con clave");

    // Invoicing
    public static readonly AuditAction<ReissueInvoiceDetails> ReissueInvoice = new("emitir_factura_de_nuevo");
    public static readonly AuditAction<AnnulInvoiceDetails> AnnulInvoice = new("anular_factura");
    public static readonly AuditAction<CorrectCreditNoteDetails> CorrectCreditNote = new("corregir_nota_credito", "Corrigió una nota de crédito devuelta");
    public static readonly AuditAction<AbandonCreditNoteDetails> AbandonCreditNote = new("abandonar_nota_credito", "Abandonó una nota de crédito devuelta");
    public static readonly AuditAction<ChangeEstablishmentDetails> ChangeEstablishment = new("cambiar_establecimiento");
    public static readonly AuditAction<SettingsChangesDetails> ChangeEmissionPoint = new("cambiar_punto_emision");

    // Store
    public static readonly AuditAction<CreateProductDetails> CreateProduct = new("producto.crear");
    public static readonly AuditAction<ReplenishProductDetails> ReplenishProduct = new("producto.reponer");
    public static readonly AuditAction<CreateCustomerDetails> CreateCustomer = new("cliente.crear");
    public static readonly AuditAction<EditCustomerDetails> EditCustomer = new("cliente.editar");
    public static readonly AuditAction<LinkCustomerUserDetails> LinkCustomerUser = new("cliente.vincular_usuario");
    public static readonly AuditAction<NegativeStockSaleDetails> NegativeStockSale = new("venta.stock_negativo");

    // Clinical documents
    public static readonly AuditAction<ClinicalPermissionDetails> GrantClinicalPermission = new("conceder_permiso_clinico");
    public static readonly AuditAction<ClinicalPermissionDetails> RevokeClinicalPermission = new("retirar_permiso_clinico");
    public static readonly AuditAction<RecordClinicalConsentDetails> RecordClinicalConsent = new("consentimiento_clinico.registrar");
    public static readonly AuditAction<WithdrawClinicalConsentDetails> WithdrawClinicalConsent = new("consentimiento_clinico.retirar");
    public static readonly AuditAction<ClinicalDocumentDetails> CreateClinicalDocument = new("documento_clinico.crear");
    public static readonly AuditAction<ClinicalDocumentDetails> ViewClinicalDocument = new("documento_clinico.ver");
    public static readonly AuditAction<SendClinicalDocumentDetails> SendClinicalDocument = new("documento_clinico.enviar");
    public static readonly AuditAction<ClinicalRefusalDetails> ClinicalDocumentRefused = new("documento_clinico.envio_rechazado");
    public static readonly AuditAction<VoidClinicalDocumentDetails> VoidClinicalDocument = new("documento_clinico.anular", "Anuló un documento clínico");
    public static readonly AuditAction<ClinicalRefusalDetails> ClinicalVoidRefused = new("documento_clinico.anulacion_rechazada", "Se rechazó anular un documento clínico");

    /// <summary>Every action, in the order above.</summary>
    public static IReadOnlyList<AuditAction> All { get; } = typeof(AuditAction)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType.IsAssignableTo(typeof(AuditAction)))
        .Select(f => (AuditAction)f.GetValue(null)!)
        .ToList();

    private static readonly Dictionary<string, AuditAction> ByCode = All.ToDictionary(a => a.Code, StringComparer.Ordinal);

    /// <summary>The action stored under <paramref name="code"/>, or null for a code no longer (or never) in the catalogue.</summary>
    public static AuditAction? Find(string code) => ByCode.GetValueOrDefault(code);

    public override string ToString() => Code;
}
