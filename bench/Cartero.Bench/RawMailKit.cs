using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Cartero.Bench;

/// <summary>The baselines: MailKit alone, without any queue or database.</summary>
internal static class RawMailKit
{
    /// <summary>(a) One connection per message, as simple senders do.</summary>
    public static async Task<BenchResult> PerConnectionAsync(SmtpSink sink, (string, string, string) sample, int messages)
    {
        await sink.ResetAsync();
        var sinkCpu = await sink.CpuAsync();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < messages; i++)
        {
            using var client = new SmtpClient();
            await client.ConnectAsync("127.0.0.1", sink.Port, SecureSocketOptions.None);
            await client.SendAsync(SampleMessage.ToMime(sample, i));
            await client.DisconnectAsync(true);
        }

        await sink.WaitForAsync(messages, TimeSpan.FromMinutes(5));
        return new BenchResult("(a) MailKit, una conexión por mensaje", messages, watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, await sink.CpuAsync() - sinkCpu);
    }

    /// <summary>(b) Kept-alive connections with TCP_NODELAY: the practical limit of the client library.</summary>
    public static async Task<BenchResult> KeptAliveAsync(SmtpSink sink, (string, string, string) sample, int messages, int connections, int warmup)
    {
        if (warmup > 0)
        {
            await KeptAliveAsync(sink, sample, warmup, connections, warmup: 0);
        }

        await sink.ResetAsync();
        var sinkCpu = await sink.CpuAsync();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            using var client = new SmtpClient();
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, sink.Port);
            await client.ConnectAsync(socket, "127.0.0.1", sink.Port, SecureSocketOptions.None);
            int i;
            while ((i = Interlocked.Increment(ref next)) < messages)
            {
                await client.SendAsync(SampleMessage.ToMime(sample, i));
            }

            await client.DisconnectAsync(true);
        }));
        await sink.WaitForAsync(messages, TimeSpan.FromMinutes(5));
        return new BenchResult($"(b) MailKit, {connections} conexión(es) mantenidas", messages, watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, await sink.CpuAsync() - sinkCpu);
    }
}
