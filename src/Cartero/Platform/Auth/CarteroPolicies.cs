namespace Cartero.Platform.Auth;

/// <summary>Authorization policy names used by the endpoints.</summary>
public static class CarteroPolicies
{
    /// <summary>Send mail and read the send log: any valid API key.</summary>
    public const string Mail = "correo";

    /// <summary>Settings, audit trail, API keys: an admin API key.</summary>
    public const string Admin = "admin";

    /// <summary>Invoicing settings (issuer, secuencial, signing certificate): admins only, people or admin keys.</summary>
    public const string InvoicingAdmin = "facturacion_admin";
}
