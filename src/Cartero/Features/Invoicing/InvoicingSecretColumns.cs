using System.Globalization;
using Cartero.Platform.Secrets;

namespace Cartero.Features.Invoicing;

/// <summary>The protected columns of <c>configuracion_facturacion</c>: the signing certificate (.p12) and its password.</summary>
public static class InvoicingSecretColumns
{
    private const string Table = "configuracion_facturacion";
    private const string IfLost =
        "deje vacías (NULL) las columnas certificado_cifrado y contrasena_certificado_cifrada y vuelva a cargar el archivo .p12 con su contraseña en Configuración → Facturación.";

    public static readonly ProtectedColumn<InvoicingSettings> Certificate = new()
    {
        Table = Table,
        Column = "certificado_cifrado",
        Label = "certificado de firma electrónica (.p12)",
        IfLost = IfLost,
        RowId = RowId,
        Get = s => s.CertificateEncrypted,
        Set = (s, v) => s.CertificateEncrypted = v,
    };

    public static readonly ProtectedColumn<InvoicingSettings> CertificatePassword = new()
    {
        Table = Table,
        Column = "contrasena_certificado_cifrada",
        Label = "contraseña del certificado de firma electrónica",
        IfLost = IfLost,
        RowId = RowId,
        Get = s => s.CertificatePasswordEncrypted,
        Set = (s, v) => s.CertificatePasswordEncrypted = v,
    };

    private static string RowId(InvoicingSettings s) => s.Id.ToString(CultureInfo.InvariantCulture);
}
