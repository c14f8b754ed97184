using System.Collections;

namespace Cartero.Bench;

/// <summary>
/// The scenarios' figures, each printed as soon as it is known: a whole run takes minutes, and the table at the end
/// alone left a run that was stopped (or is still going) without a single figure.
/// </summary>
internal sealed class BenchResults : IEnumerable<BenchResult>
{
    private readonly List<BenchResult> _results = [];

    public void Add(BenchResult result)
    {
        _results.Add(result);
        Console.WriteLine(FormattableString.Invariant(
            $"{result.Name}: {result.Messages} mensajes, {result.MessagesPerSecond:0} msg/s, CPU {result.CpuMsPerMessage:0.000} ms/msg, sumidero {result.SinkCpuMsPerMessage:0.000} ms/msg"));
    }

    public void AddRange(IEnumerable<BenchResult> results)
    {
        foreach (var result in results)
        {
            Add(result);
        }
    }

    public IEnumerator<BenchResult> GetEnumerator() => _results.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
