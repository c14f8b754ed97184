using Cartero.Features.Store;

namespace Cartero.Pages.Tienda.Clientes;

/// <summary>The customer form of the counter.</summary>
public sealed class CustomerForm
{
    public string? Names { get; set; }
    public string? IdType { get; set; } = IdentificationTypes.Cedula;
    public string? IdNumber { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }

    public CustomerInput ToInput() => new(Names, IdType, IdNumber, Email, Phone, Address);

    public static CustomerForm From(Customer c) => new() { Names = c.Names, IdType = c.IdType, IdNumber = c.IdNumber, Email = c.Email, Phone = c.Phone, Address = c.Address };
}
