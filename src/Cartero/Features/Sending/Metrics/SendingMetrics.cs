using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Cartero.Features.Sending.Metrics;

/// <summary>The <c>Cartero</c> meter: attempts by result, manual retries and send latency; the queue gauges are in <see cref="QueueMetrics"/>. Exported at <c>/metrics</c>.</summary>
public sealed class SendingMetrics : IDisposable
{
    public const string MeterName = "Cartero";
    private readonly Meter _meter;
    private readonly Counter<long> _outcomes;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _manualRetries;

    public SendingMetrics(IMeterFactory meters, OwnMeters own)
    {
        _meter = own.Create(meters, MeterName);
        _outcomes = _meter.CreateCounter<long>("cartero.emails.attempts", description: "Intentos de envío por resultado");
        _latency = _meter.CreateHistogram<double>("cartero.emails.send_duration", unit: "ms", description: "Duración del envío al proveedor");
        _manualRetries = _meter.CreateCounter<long>("cartero.emails.manual_retries", description: "Correos devueltos a la cola por un reintento manual");
    }

    public void Record(EmailStatus result, string provider, TimeSpan duration)
    {
        var tags = new TagList { { "estado", result.ToCode() }, { "proveedor", provider } };
        _outcomes.Add(1, tags);
        _latency.Record(duration.TotalMilliseconds, tags);
    }

    public void RecordManualRetries(int count)
    {
        if (count > 0)
        {
            _manualRetries.Add(count);
        }
    }

    public void Dispose() => _meter.Dispose();
}
