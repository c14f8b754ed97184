namespace Cartero.Platform.Data;

/// <summary>The supported database engines.</summary>
public enum DatabaseEngine
{
    Sqlite,
    Postgres,
}
