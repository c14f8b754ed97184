namespace Cartero.Platform.Auth;

/// <summary>
/// Authorization policy names of the API. Machines (any API key) reach the mail and invoice endpoints; people
/// reach them with their panel cookie only as far as DESIGN §5 lets their role, the same matrix as the pages.
/// </summary>
public static class CarteroPolicies
{
    /// <summary>Read the send log: keys, admin, gerente, soporte; vendedor and optometrista only the mail they originated (<see cref="MailScope"/>).</summary>
    public const string EmailsRead = "correos_leer";

    /// <summary>Enqueue arbitrary mail: keys and admins. The store's people send through their own flows.</summary>
    public const string EmailsSend = "correos_enviar";

    /// <summary>Export the send log: keys, admin, gerente, soporte.</summary>
    public const string EmailsExport = "correos_exportar";

    /// <summary>Retry a failed email: as <see cref="EmailsRead"/>, scoped the same way.</summary>
    public const string EmailsRetry = "correos_reintentar";

    /// <summary>Statistics: keys, admin, gerente (the statistics page's roles).</summary>
    public const string Statistics = "estadisticas_api";

    /// <summary>Read invoices, their XML and RIDE, export them, mail them again: keys, admin, gerente, soporte.</summary>
    public const string InvoicesRead = "facturas_leer";

    /// <summary>Issue or correct an invoice: keys and admins.</summary>
    public const string InvoicesWrite = "facturas_emitir";

    /// <summary>Settings, audit trail, API keys: an admin API key, or admin and soporte in the panel.</summary>
    public const string Admin = "admin";

    /// <summary><c>/metrics</c>: an admin API key (what a Prometheus scraper carries) or an admin's session.</summary>
    public const string Metrics = "metricas";

    /// <summary>Invoicing settings (issuer, secuencial, signing certificate): admins only, people or admin keys.</summary>
    public const string InvoicingAdmin = "facturacion_admin";
}
