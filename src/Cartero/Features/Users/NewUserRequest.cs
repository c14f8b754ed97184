namespace Cartero.Features.Users;

/// <summary>A person to create: name, sign-in address, roles and, for a customer, the customer id their mail is filed under.</summary>
public sealed record NewUserRequest(string FullName, string Email, IReadOnlyList<string> Roles, string? CustomerId);
