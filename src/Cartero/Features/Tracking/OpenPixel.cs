using Cartero.Features.Sending;
using Cartero.Features.Sending.Worker;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Tracking;

/// <summary>
/// Decides per email whether it carries the pixel: a public base URL is configured, the pixel is on, and the email's
/// type is not one of the types without it. The settings are read at most every <see cref="Refresh"/> (the worker
/// builds messages on its hot path), and at once after a change made by this instance.
/// </summary>
internal sealed class OpenPixel(IServiceScopeFactory scopes, OpenPixelSigner signer, IOptions<TrackingOptions> options, TimeProvider time) : IOpenPixel
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(15);
    private volatile Snapshot? _snapshot;

    public string? UrlFor(EmailLogEntry entry)
    {
        if (options.Value.PublicBaseUrl is not { Length: > 0 } baseUrl)
        {
            return null;
        }

        var s = Current();
        return s.Enabled && !s.OffTypes.Contains(entry.Type) ? baseUrl.TrimEnd('/') + signer.PathFor(entry.Id) : null;
    }

    public void Invalidate() => _snapshot = null;

    private Snapshot Current()
    {
        var now = time.GetUtcNow();
        if (_snapshot is { } s && now - s.ReadAt < Refresh)
        {
            return s;
        }

        using var scope = scopes.CreateScope();
        var row = scope.ServiceProvider.GetRequiredService<CarteroDbContext>().TrackingSettings.AsNoTracking()
            .FirstOrDefault(x => x.Id == TrackingSettings.SingletonId) ?? new TrackingSettings();
        var fresh = new Snapshot(row.PixelEnabled, [.. TrackingSettingsService.OffTypes(row)], now);
        _snapshot = fresh;
        return fresh;
    }

    private sealed record Snapshot(bool Enabled, HashSet<string> OffTypes, DateTimeOffset ReadAt);
}
