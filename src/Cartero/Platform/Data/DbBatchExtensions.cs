using System.Data.Common;

namespace Cartero.Platform.Data;

/// <summary>Building a <see cref="DbBatch"/> from parameters made by EF Core's type mappings, which need a <see cref="DbCommand"/>.</summary>
public static class DbBatchExtensions
{
    /// <summary>Adds <paramref name="sql"/> to the batch with the parameters bound on <paramref name="binder"/>, which is left empty.</summary>
    public static DbBatchCommand Add(this DbBatch batch, string sql, DbCommand binder)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        foreach (var parameter in binder.Parameters.Cast<DbParameter>().ToList())
        {
            binder.Parameters.Remove(parameter);
            command.Parameters.Add(parameter);
        }

        batch.BatchCommands.Add(command);
        return command;
    }
}
