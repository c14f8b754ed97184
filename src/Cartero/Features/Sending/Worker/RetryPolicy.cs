using Microsoft.Extensions.Options;

namespace Cartero.Features.Sending.Worker;

/// <summary>Exponential backoff with jitter for transient failures, and when to give up.</summary>
public sealed class RetryPolicy(IOptions<SendingOptions> options)
{
    private readonly RetryOptions _retry = options.Value.Retry;

    public int MaxAttempts => _retry.MaxAttempts;

    /// <summary>Whether another attempt is allowed after <paramref name="attemptsMade"/> attempts.</summary>
    public bool ShouldRetry(int attemptsMade) => attemptsMade < _retry.MaxAttempts;

    /// <summary>The wait before the next attempt, never shorter than what the provider asked for.</summary>
    public TimeSpan DelayAfter(int attemptsMade, TimeSpan? providerAskedFor = null)
    {
        var exponent = Math.Clamp(attemptsMade - 1, 0, 30);
        var baseMs = Math.Min(_retry.BaseDelay.TotalMilliseconds * Math.Pow(2, exponent), _retry.MaxDelay.TotalMilliseconds);
        var spread = 1 + ((Random.Shared.NextDouble() * 2) - 1) * Math.Clamp(_retry.Jitter, 0, 1);
        var delay = TimeSpan.FromMilliseconds(Math.Min(baseMs * spread, _retry.MaxDelay.TotalMilliseconds));
        return providerAskedFor is { } asked && asked > delay ? asked : delay;
    }
}
