using System.Globalization;
using Cartero.Platform.Secrets;

namespace Cartero.Features.Settings;

/// <summary>The protected columns of <c>configuracion_correo</c>, in the registry walked by the start-up check and <c>keys rotate</c>.</summary>
public static class MailSecretColumns
{
    private const string Table = "configuracion_correo";

    public static readonly ProtectedColumn<MailAccountSettings> Password = new()
    {
        Table = Table,
        Column = "contrasena_cifrada",
        Label = "contraseña de la cuenta de envío",
        IfLost = "deje la columna vacía (NULL) y vuelva a escribir la contraseña en Configuración → Correo (o PUT /api/v1/settings/mail).",
        RowId = RowId,
        Get = s => s.PasswordEncrypted,
        Set = (s, v) => s.PasswordEncrypted = v,
    };

    public static readonly ProtectedColumn<MailAccountSettings> ApiKey = new()
    {
        Table = Table,
        Column = "clave_api_cifrada",
        Label = "clave API de SendGrid",
        IfLost = "deje la columna vacía (NULL) y vuelva a escribir la clave API en Configuración → Correo (o PUT /api/v1/settings/mail).",
        RowId = RowId,
        Get = s => s.ApiKeyEncrypted,
        Set = (s, v) => s.ApiKeyEncrypted = v,
    };

    public static readonly ProtectedColumn<MailAccountSettings> BouncePassword = new()
    {
        Table = Table,
        Column = "buzon_rebotes_contrasena_cifrada",
        Label = "contraseña del buzón de rebotes (IMAP)",
        IfLost = "deje la columna vacía (NULL) y vuelva a escribir la contraseña del buzón de rebotes en Configuración → Correo (o PUT /api/v1/settings/mail).",
        RowId = RowId,
        Get = s => s.BouncePasswordEncrypted,
        Set = (s, v) => s.BouncePasswordEncrypted = v,
    };

    private static string RowId(MailAccountSettings s) => s.Id.ToString(CultureInfo.InvariantCulture);
}
