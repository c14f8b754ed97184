using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Cartero.Features.Sending;

/// <summary>The <c>Cartero</c> meter: sent, failed, retried, paused and send latency (OpenTelemetry-compatible).</summary>
public sealed class SendingMetrics : IDisposable
{
    public const string MeterName = "Cartero";
    private readonly Meter _meter;
    private readonly Counter<long> _outcomes;
    private readonly Histogram<double> _latency;

    public SendingMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _outcomes = _meter.CreateCounter<long>("cartero.emails.attempts", description: "Intentos de envío por resultado");
        _latency = _meter.CreateHistogram<double>("cartero.emails.send_duration", unit: "ms", description: "Duración del envío al proveedor");
    }

    public void Record(EmailStatus result, string provider, TimeSpan duration)
    {
        var tags = new TagList { { "estado", result.ToCode() }, { "proveedor", provider } };
        _outcomes.Add(1, tags);
        _latency.Record(duration.TotalMilliseconds, tags);
    }

    public void Dispose() => _meter.Dispose();
}
