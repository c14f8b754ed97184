using Cartero.Features.Sending.Worker;

namespace Cartero.Features.Sending;

/// <summary><c>Cartero:Worker</c> and <c>Cartero:Retry</c>: how the queue is worked and retried.</summary>
public sealed class SendingOptions
{
    public WorkerOptions Worker { get; set; } = new();
    public RetryOptions Retry { get; set; } = new();

    /// <summary>Domain part of the generated <c>Message-Id</c> headers (<c>Cartero:Mail:MessageIdDomain</c>).</summary>
    public string MessageIdDomain { get; set; } = "cartero.local";
}
