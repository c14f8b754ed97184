using Cartero.Platform.Data;

namespace Cartero.Platform;

/// <summary><c>Cartero:Database</c>: which engine and how to reach it.</summary>
public sealed class DatabaseOptions
{
    public DatabaseEngine Provider { get; set; } = DatabaseEngine.Sqlite;

    /// <summary>Required for PostgreSQL; for SQLite defaults to <c>&lt;DataDirectory&gt;/cartero.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations at start-up (on by default; turn off when a DBA applies them).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
