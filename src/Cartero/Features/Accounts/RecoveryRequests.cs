using System.Threading.Channels;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Accounts;

/// <summary>
/// Takes "¿Olvidó su contraseña?" requests off the request path: the page only checks the limits and queues the
/// address, the same work whether or not an account has it, so neither its answer nor its time tells which
/// addresses exist. <see cref="RecoveryRequestService"/> looks the address up and mails the link afterwards.
/// </summary>
public sealed class RecoveryRequests : IDisposable
{
    private readonly Channel<RecoveryRequest> _queue = Channel.CreateBounded<RecoveryRequest>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly PartitionedRateLimiter<string> _perIp;

    public RecoveryRequests(IOptions<AccountOptions> options)
    {
        _perAddress = PerHour(options.Value.RequestsPerAddressPerHour);
        _perIp = PerHour(options.Value.RequestsPerIpPerHour);
    }

    internal ChannelReader<RecoveryRequest> Reader => _queue.Reader;

    /// <summary>Queues the request, or answers how long to wait when this address or this IP asked too often.</summary>
    /// <returns>Null when queued; otherwise the wait.</returns>
    public TimeSpan? TryQueue(string address, string? ip)
    {
        var normalized = address.Trim().ToUpperInvariant();
        using var byIp = _perIp.AttemptAcquire(ip ?? "desconocida");
        if (!byIp.IsAcquired)
        {
            return Wait(byIp);
        }

        using var byAddress = _perAddress.AttemptAcquire(normalized);
        if (!byAddress.IsAcquired)
        {
            return Wait(byAddress);
        }

        _queue.Writer.TryWrite(new RecoveryRequest(address.Trim(), ip));
        return null;
    }

    public void Dispose()
    {
        _perAddress.Dispose();
        _perIp.Dispose();
    }

    private static TimeSpan Wait(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromHours(1);

    private static PartitionedRateLimiter<string> PerHour(int permits) => PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromHours(1), QueueLimit = 0,
        }), StringComparer.Ordinal);
}
