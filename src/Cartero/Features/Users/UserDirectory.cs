namespace Cartero.Features.Users;

/// <summary>Everything the user administration page lists: the people, who may send clinical documents, and the 2FA rule.</summary>
public sealed record UserDirectory(IReadOnlyList<UserRow> Users, IReadOnlySet<Guid> ClinicalSenders, IReadOnlySet<string> TwoFactorPanelRoles, int PendingTwoFactor);
