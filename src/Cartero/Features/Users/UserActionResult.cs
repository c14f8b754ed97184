namespace Cartero.Features.Users;

/// <summary>What a change to an existing person did, as the panel says it; a reset also carries the password shown once.</summary>
public sealed record UserActionResult(string Message, string? OneTimePassword = null);
