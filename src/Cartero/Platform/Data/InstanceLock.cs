using Microsoft.EntityFrameworkCore;

namespace Cartero.Platform.Data;

/// <summary>
/// One instance at a time for a background job when several share PostgreSQL: a session advisory lock held on an open
/// connection for the whole run (the job's own batches commit on other connections). On SQLite one process owns the
/// file, so the lock is always granted.
/// </summary>
public sealed class InstanceLock : IAsyncDisposable
{
    private readonly CarteroDbContext? _db;
    private readonly long _key;

    private InstanceLock(CarteroDbContext? db, long key)
    {
        _db = db;
        _key = key;
    }

    /// <summary>The lock, or null when another instance holds it.</summary>
    public static async Task<InstanceLock?> TryAcquireAsync(CarteroDbContext db, long key, CancellationToken cancellationToken)
    {
        if (db.Engine != DatabaseEngine.Postgres)
        {
            return new InstanceLock(null, key);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        if (await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({key}) AS \"Value\"").SingleAsync(cancellationToken))
        {
            return new InstanceLock(db, key);
        }

        await db.Database.CloseConnectionAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is null)
        {
            return;
        }

        // Released even when the job was cancelled: the connection goes back to the pool.
        await _db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({_key})", CancellationToken.None);
        await _db.Database.CloseConnectionAsync();
    }
}
