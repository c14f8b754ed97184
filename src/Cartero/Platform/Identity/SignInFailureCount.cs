namespace Cartero.Platform.Identity;

/// <summary>Failures counted so far for an account and for an address, and the wait they impose on the next attempt.</summary>
public sealed record SignInFailureCount(int AccountFailures, int AddressFailures, TimeSpan Wait);
