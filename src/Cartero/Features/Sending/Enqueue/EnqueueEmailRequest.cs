using System.Text.Json.Nodes;

namespace Cartero.Features.Sending.Enqueue;

/// <summary>
/// Body of <c>POST /api/v1/emails</c>. Either <see cref="Template"/> (defaults to the template of <see cref="Type"/>)
/// with <see cref="Data"/>, or a ready <see cref="Subject"/> with <see cref="Html"/> and/or <see cref="Text"/>.
/// </summary>
public sealed record EnqueueEmailRequest
{
    /// <summary><c>tipo_correo</c>: factura, nota_credito, comprobante, alerta_stock, pedido, notificacion_clinica, recuperacion_contrasena, aviso_administrativo, prueba…</summary>
    public string? Type { get; init; }
    public EmailRecipient? To { get; init; }
    public IReadOnlyList<EmailRecipient>? Cc { get; init; }
    public IReadOnlyList<EmailRecipient>? Bcc { get; init; }
    /// <summary>What the mail is about: <c>venta</c>, <c>factura</c>, <c>pedido</c>, <c>producto</c>… and its id.</summary>
    public EmailEntityRef? Entity { get; init; }
    public string? Template { get; init; }
    public string? Subject { get; init; }
    public string? Html { get; init; }
    public string? Text { get; init; }
    /// <summary>Variables for the template.</summary>
    public JsonObject? Data { get; init; }
    public IReadOnlyList<EmailAttachmentUpload>? Attachments { get; init; }
    /// <summary>Same key and same body returns the same email; same key with another body is a conflict.</summary>
    public string? IdempotencyKey { get; init; }
}
