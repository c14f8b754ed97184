namespace Cartero.Bench;

/// <summary>
/// One scenario's figures: throughput and CPU time per message of the process under test, of the SMTP sink and,
/// for Cartero, of the load generator (this process posting to the API). All share the machine's cores.
/// </summary>
internal sealed record BenchResult(string Name, int Messages, TimeSpan Elapsed, TimeSpan Cpu, TimeSpan SinkCpu = default, TimeSpan LoadCpu = default)
{
    public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;
    public double CpuMsPerMessage => Cpu.TotalMilliseconds / Messages;
    public double SinkCpuMsPerMessage => SinkCpu.TotalMilliseconds / Messages;

    /// <summary>Everything the machine spends per message: process under test, sink and load generator.</summary>
    public double TotalCpuMsPerMessage => (Cpu + SinkCpu + LoadCpu).TotalMilliseconds / Messages;

    /// <summary>The rate at which every core would be busy: what the CPU allows at these costs.</summary>
    public double CpuCeiling => Environment.ProcessorCount * 1000 / TotalCpuMsPerMessage;
}
