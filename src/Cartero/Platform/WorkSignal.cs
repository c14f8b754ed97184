namespace Cartero.Platform;

/// <summary>
/// Wakes idle background loops of this instance when it adds work (an email enqueued, an invoice submitted), so the
/// work does not wait for the next poll. One type for every loop; each feature registers its own instance under a key
/// (<c>SendingModule.WorkSignalKey</c>, <c>InvoicingModule.WorkSignalKey</c>), so a new invoice never wakes mail slots.
/// </summary>
public sealed class WorkSignal
{
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);
    private readonly Lock _gate = new();

    /// <summary>Wakes one idle waiter; notifications while one is already pending do not pile up.</summary>
    public void Notify() => Notify(1);

    /// <summary>Tops the pending wake-ups up to <paramref name="waiters"/> (an account's circuit closed: every idle slot).</summary>
    public void Notify(int waiters)
    {
        // Under the lock so two concurrent callers cannot both see "missing" and release twice.
        lock (_gate)
        {
            var missing = waiters - _signal.CurrentCount;
            if (missing > 0)
            {
                _signal.Release(missing);
            }
        }
    }

    /// <summary>Waits for a notification or the timeout, whichever comes first.</summary>
    /// <returns>Whether a notification (not the timeout) ended the wait.</returns>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _signal.WaitAsync(timeout, cancellationToken);
}
