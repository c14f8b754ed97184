using Microsoft.AspNetCore.Identity;

namespace Cartero.Platform.Identity;

/// <summary>A person who signs in to the panel (<c>usuario</c>): staff, or a customer who reads their own mail.</summary>
public sealed class CarteroUser : IdentityUser<Guid>
{
    public required string FullName { get; set; }

    /// <summary>For a <c>cliente</c>: the customer id used as <c>destinatario_id</c> in the send log.</summary>
    public string? CustomerId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Failed sends this person originated before this instant were already acknowledged.</summary>
    public DateTime? AlertsSeenUntil { get; set; }
}
