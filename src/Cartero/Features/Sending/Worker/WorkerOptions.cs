namespace Cartero.Features.Sending.Worker;

/// <summary><c>Cartero:Worker</c>.</summary>
public sealed class WorkerOptions
{
    /// <summary>Turn off to run a web-only instance; another instance (worker-only) then sends.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Parallel slots; each keeps its own provider connection.</summary>
    public int Concurrency { get; set; } = 2;

    /// <summary>Rows a slot claims at once.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// How long a claimed row stays reserved; after that another worker may take it over. The worker renews the
    /// lease of the rows it still holds every third of this, so it bounds how long rows of a dead instance wait,
    /// not how long a batch may take.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Longest an outcome waits in memory before it is committed, together with the outcomes of the other slots
    /// (group commit). A crash re-sends what was accepted within this window.
    /// </summary>
    public TimeSpan RecordInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Most messages of this instance that may be sent or being sent while their outcome is not yet committed; slots
    /// wait when it is reached. What a crash can send twice never exceeds it, whatever the batch size.
    /// </summary>
    public int MaxUnrecorded { get; set; } = 100;

    /// <summary>How often an idle slot looks for work enqueued by other instances.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Wait between an account-wide failure and the first probe of the account (a check that sends no message);
    /// doubles after each failed probe.
    /// </summary>
    public TimeSpan CircuitOpenFor { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between two probes of a paused account: how late, at most, sending resumes after the provider is back.</summary>
    public TimeSpan CircuitMaxOpenFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Consecutive failures after a connection was up (cut or timed out mid-message) that count as "provider down".
    /// A failure to connect at all pauses the account at once.
    /// </summary>
    public int ConnectionFailuresToOpenCircuit { get; set; } = 5;
}
