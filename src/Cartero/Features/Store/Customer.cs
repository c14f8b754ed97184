namespace Cartero.Features.Store;

/// <summary>A customer of the shop (<c>cliente</c>), optionally linked to a panel user with role <c>cliente</c>.</summary>
public sealed class Customer
{
    public Guid Id { get; set; }
    public required string Names { get; set; }
    /// <summary>One of <see cref="IdentificationTypes"/>: cedula, ruc, pasaporte, consumidor_final.</summary>
    public required string IdType { get; set; }
    public required string IdNumber { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    /// <summary>The panel user (role <c>cliente</c>) who reads this customer's mail, if any.</summary>
    public Guid? UserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
