namespace Cartero.Features.Sending;

/// <summary>Wakes idle worker slots when this instance enqueues, so mail does not wait for the next poll.</summary>
public sealed class WorkSignal
{
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }

    /// <summary>Wakes up to <paramref name="waiters"/> idle slots at once (an account's circuit closed).</summary>
    public void Notify(int waiters)
    {
        var missing = waiters - _signal.CurrentCount;
        if (missing > 0)
        {
            _signal.Release(missing);
        }
    }

    /// <summary>Waits for a notification or the timeout, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await _signal.WaitAsync(timeout, cancellationToken);
}
