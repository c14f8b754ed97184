using System.Text;
using Cartero.Platform.Secrets;

namespace Cartero.Features.Sending;

/// <summary>
/// The stored content of mail types that carry health data (<c>notificacion_clinica</c>): the rendered body and every
/// attachment are encrypted with the master key, each bound to its own place (table, column, email id), so neither the
/// database nor the attachment folder holds them in plain text. The worker opens them only to build the message.
/// </summary>
public sealed class ProtectedContent(ISecretProtector protector)
{
    public const string ContentTable = "log_envio_correo_contenido";
    public const string HtmlColumn = "html";
    public const string TextColumn = "texto";

    /// <summary>Not a table: the place an encrypted attachment file is bound to (the file itself is content-addressed).</summary>
    public const string AttachmentPlace = "log_envio_correo_adjunto";
    public const string AttachmentColumn = "contenido";

    private static readonly HashSet<string> Types = new(StringComparer.Ordinal) { "notificacion_clinica" };

    /// <summary>The types stored encrypted, for queries (<c>keys rotate</c> walks their content).</summary>
    public static string[] ProtectedTypes => [.. Types];

    /// <summary>Whether mail of <paramref name="type"/> is stored encrypted.</summary>
    public static bool Protects(string? type) => type is not null && Types.Contains(type);

    public string? Seal(Guid emailId, string column, string? value) =>
        value is null ? null : protector.Protect(value, new SecretPurpose(ContentTable, column, emailId.ToString()));

    /// <exception cref="SecretKeyException">The key is missing or the value was altered or moved.</exception>
    public string? Open(Guid emailId, string column, string? value) =>
        value is null ? null : protector.Unprotect(value, new SecretPurpose(ContentTable, column, emailId.ToString()));

    public byte[] SealAttachment(Guid emailId, byte[] content) =>
        Encoding.ASCII.GetBytes(protector.Protect(Convert.ToBase64String(content), AttachmentPurpose(emailId)));

    /// <summary>The plain bytes of an attachment file written by <see cref="SealAttachment"/>.</summary>
    public async Task<byte[]> OpenAttachmentAsync(Guid emailId, Stream stored, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stored, Encoding.ASCII);
        var text = await reader.ReadToEndAsync(cancellationToken);
        return Convert.FromBase64String(protector.Unprotect(text, AttachmentPurpose(emailId)));
    }

    /// <summary>The place an encrypted attachment file of <paramref name="emailId"/> is bound to.</summary>
    public static SecretPurpose AttachmentPurpose(Guid emailId) => new(AttachmentPlace, AttachmentColumn, emailId.ToString());
}
