using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Cartero.Features.Sending.Metrics;

/// <summary>
/// The meters this host created. Meter listeners are process-wide, so with several hosts in one process (the tests,
/// an embedding host) each host's <c>/metrics</c> must export only its own instruments.
/// </summary>
public sealed class OwnMeters
{
    private readonly ConcurrentDictionary<Meter, byte> _meters = new();

    public Meter Create(IMeterFactory factory, string name)
    {
        var meter = factory.Create(name);
        _meters.TryAdd(meter, 0);
        return meter;
    }

    public bool Owns(Meter meter) => _meters.ContainsKey(meter);
}
