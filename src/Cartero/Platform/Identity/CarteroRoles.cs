namespace Cartero.Platform.Identity;

/// <summary>The roles of DESIGN §5.</summary>
public static class CarteroRoles
{
    public const string Admin = "admin";
    public const string Gerente = "gerente";
    public const string Soporte = "soporte";
    public const string Vendedor = "vendedor";
    public const string Optometrista = "optometrista";
    public const string Cliente = "cliente";

    public static readonly IReadOnlyList<string> All = [Admin, Gerente, Soporte, Vendedor, Optometrista, Cliente];

    /// <summary>Roles that read the whole send log.</summary>
    public const string LogReaders = Admin + "," + Gerente + "," + Soporte;
}
