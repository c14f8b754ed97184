namespace Cartero.Bench;

/// <summary>One scenario's figures: throughput and CPU time per message of the process under test.</summary>
internal sealed record BenchResult(string Name, int Messages, TimeSpan Elapsed, TimeSpan Cpu)
{
    public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;
    public double CpuMsPerMessage => Cpu.TotalMilliseconds / Messages;
}
