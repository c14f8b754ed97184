using System.Text.Json.Nodes;

namespace Cartero.Tests.Features.Templates;

/// <summary>Data that fills every built-in template, one set per email type.</summary>
public static class TemplateSamples
{
    public static JsonObject For(string type) => type switch
    {
        "factura" => Parse("""{"cliente":{"nombre":"Ana Pérez"},"emisor":{"razon_social":"Óptica Visión Clara S.A.","ruc":"1790012344001"},"factura":{"numero":"001-002-000000123","fecha_emision":"24/11/2026","clave_acceso":"2411202601179001234400120010020000001231234567811","total":123.45}}"""),
        "comprobante" => Parse("""{"cliente":{"nombre":"Ana Pérez"},"emisor":{"razon_social":"Óptica Visión Clara S.A.","ruc":"1790012344001"},"comprobante":{"tipo":"nota de crédito","numero":"001-002-000000009","fecha":"24/11/2026","total":20}}"""),
        "alerta_stock" => Parse("""{"producto":{"nombre":"Lente progresivo 1.67 antirreflejo","codigo":"LP-167-AR"},"stock":{"actual":2,"minimo":5},"sucursal":"Quito Norte"}"""),
        "pedido" => Parse("""{"cliente":{"nombre":"Luis Andrade"},"pedido":{"numero":"P-2026-0931","estado":"listo para retirar","detalle":"Lentes monofocales 1.56 con filtro azul","fecha_estimada":"2026-11-28"},"sucursal":"Guayaquil Centro"}"""),
        "notificacion_clinica" => Parse("""{"paciente":{"nombre":"María Cevallos"},"atencion":{"fecha":"2026-11-20"},"documento":"Receta de lentes","sucursal":"Cuenca"}"""),
        "recuperacion_contrasena" => Parse("""{"usuario":{"nombre":"Carla"},"enlace":"https://cartero.optica.ec/recuperar?t=abc","vence_en_minutos":30,"invitacion":false}"""),
        "aviso_administrativo" => Parse("""{"titulo":"Inventario anual","mensaje":"El sábado se cierra a las 13:00."}"""),
        "nota_credito" => Parse("""{"cliente":{"nombre":"Ana Pérez"},"emisor":{"razon_social":"Óptica Visión Clara S.A.","ruc":"1790012344001"},"nota_credito":{"numero":"001-002-000000007","fecha_emision":"26/11/2026","clave_acceso":"2611202604179001234400120010020000000071234567812","numero_autorizacion":"2611202604179001234400120010020000000071234567812","total":16.5,"factura":"001-002-000000123","motivo":"Devolución de mercadería"}}"""),
        "prueba" => Parse("""{"proveedor":"smtp","remitente":"facturas@optica.ec","solicitado_por":"admin@optica.ec"}"""),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
