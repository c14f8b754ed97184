namespace Cartero.Platform.Data;

/// <summary>The SQLite database file, created private (0600) with its header by the migrator before first use.</summary>
internal sealed record SqliteDatabaseFile(string ConnectionString)
{
    public void Protect() => DatabaseModule.ProtectSqliteFiles(ConnectionString);
}
