using Cartero.Features.Store;

namespace Cartero.Features.Privacy;

/// <summary>
/// The person an export is about: the store customer and, when linked, their panel user. Every section filters by
/// these values only, so nothing of anybody else can match.
/// </summary>
public sealed record DataSubject(Customer Customer, Guid? UserId, string? UserEmail)
{
    public string CustomerKey => Customer.Id.ToString();

    /// <summary>The addresses mail to this person was sent to (the customer's and the linked user's), lower case.</summary>
    public IReadOnlyList<string> Addresses { get; } =
        new[] { Customer.Email, UserEmail }.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!.Trim().ToLowerInvariant()).Distinct().ToArray();
}
