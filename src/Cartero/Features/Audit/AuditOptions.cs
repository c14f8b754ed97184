namespace Cartero.Features.Audit;

/// <summary><c>Cartero:Audit</c>: where and how often the chains' checkpoints are written outside the database.</summary>
public sealed class AuditOptions
{
    /// <summary>The checkpoint log (JSON lines, mode 0600); default <c>&lt;data&gt;/auditoria/puntos-de-control.jsonl</c>. Point it at storage the database's administrators cannot write.</summary>
    public string? CheckpointFile { get; set; }

    /// <summary>How often a checkpoint is written while the app runs (one is also written at start and on shutdown).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);
}
