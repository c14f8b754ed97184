namespace Cartero.Features.Sending.Worker;

/// <summary>
/// Addresses the worker must not write to (Tracking's suppression list). The worker asks once per claimed batch;
/// without an implementation every address is allowed.
/// </summary>
public interface IRecipientSuppression
{
    /// <summary>The suppressed addresses among <paramref name="addresses"/>, lower-case, with the reason they were suppressed.</summary>
    Task<IReadOnlyDictionary<string, string>> FindAsync(IReadOnlyCollection<string> addresses, CancellationToken cancellationToken);
}
