using Cartero.Features.Audit;

namespace Cartero.Tests.Features.Audit;

/// <summary>
/// The stored action codes are a contract with every row already in <c>log_auditoria</c> and with whoever filters it:
/// this list is written out by hand, so renaming a catalogue entry's code by accident fails here.
/// </summary>
public sealed class AuditActionCatalogueTests
{
    private static readonly string[] StoredCodes =
    [
        "abandonar_nota_credito",
        "activar_doble_factor",
        "agregar_supresion",
        "anular_factura",
        "archivar_comprobantes",
        "cambiar_configuracion_correo",
        "cambiar_configuracion_facturacion",
        "cambiar_configuracion_seguimiento",
        "cambiar_contrasena_propia",
        "cambiar_establecimiento",
        "cambiar_marca",
        "cambiar_punto_emision",
        "cambiar_retencion",
        "cambiar_roles",
        "cliente.crear",
        "cliente.editar",
        "cliente.vincular_usuario",
        "conceder_permiso_clinico",
        "consentimiento_clinico.registrar",
        "consentimiento_clinico.retirar",
        "corregir_nota_credito",
        "crear_administrador",
        "crear_clave_api",
        "crear_contrasena_inicial",
        "crear_primer_administrador",
        "crear_usuario",
        "depurar_contenido",
        "desactivar_doble_factor",
        "desactivar_usuario",
        "desbloquear_usuario",
        "descargar_adjunto",
        "descargar_eml",
        "doble_factor_obligatorio",
        "documento_clinico.anulacion_rechazada",
        "documento_clinico.anular",
        "documento_clinico.crear",
        "documento_clinico.enviar",
        "documento_clinico.envio_rechazado",
        "documento_clinico.ver",
        "emitir_factura_de_nuevo",
        "exportar_auditoria",
        "exportar_comprobantes_sin_entregar",
        "exportar_correos",
        "exportar_datos_cliente",
        "exportar_datos_propios",
        "exportar_facturas",
        "generar_constancia",
        "ingreso",
        "ingreso_demorado",
        "ingreso_fallido",
        "invitar_usuario",
        "poner_retencion_legal",
        "probar_configuracion_correo",
        "producto.crear",
        "producto.reponer",
        "quitar_retencion_legal",
        "quitar_supresion",
        "reactivar_usuario",
        "reaplicar_webhook",
        "regenerar_codigos_recuperacion",
        "reintentar_correo",
        "reintentar_correos_lote",
        "restablecer_contrasena",
        "restablecer_contrasena_con_enlace",
        "retirar_permiso_clinico",
        "revocar_clave_api",
        "revocar_claves_api_de_usuario",
        "rotar_clave_maestra",
        "sellar_cadenas",
        "solicitar_recuperacion_contrasena",
        "venta.stock_negativo",
        "ver_correo_clinico",
    ];

    [Fact]
    public void Every_stored_action_code_is_in_the_catalogue_unchanged()
    {
        Assert.Equal(StoredCodes, AuditAction.All.Select(a => a.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Codes_are_unique_and_found_by_code()
    {
        Assert.Equal(AuditAction.All.Count, AuditAction.All.Select(a => a.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(AuditAction.All, a => Assert.Same(a, AuditAction.Find(a.Code)));
        Assert.Null(AuditAction.Find("accion_nueva"));
    }

    [Fact]
    public void The_audit_page_words_come_from_the_catalogue()
    {
        Assert.Equal("Creó un usuario", AuditWording.Action(AuditAction.CreateUser.Code));
        Assert.Equal("Selló las filas anteriores a la firma con clave", AuditWording.Action(ChainSeal.Action));
        Assert.Equal("producto.crear", AuditWording.Action(AuditAction.CreateProduct.Code));
    }
}
