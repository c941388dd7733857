using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Commerce.Customers.Data;

/// <summary>
/// Migrates a context without the error line Npgsql's provider logs on a fresh database: it reads
/// the migration history table before creating it and lets the "relation does not exist" fail
/// (npgsql/efcore.pg#3407). Operators who see "Failed executing DbCommand" on a first start are
/// right to worry, so the table is created first with EF's own script, and the error never happens.
/// </summary>
public static class QuietMigration
{
    public static async Task MigrateQuietlyAsync(this DatabaseFacade database, CancellationToken cancellationToken)
    {
        if (database.IsNpgsql())
        {
            // EF's own CREATE TABLE IF NOT EXISTS for this context's history table, run on the
            // connection itself rather than through EF, which would log a lost race between two
            // nodes as an error too; the loser's migration then finds the winner's table.
            var script = database.GetService<IHistoryRepository>().GetCreateIfNotExistsScript();
            await database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var command = database.GetDbConnection().CreateCommand();
                command.CommandText = script;
                try
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (Npgsql.PostgresException exception) when (exception.SqlState is Npgsql.PostgresErrorCodes.UniqueViolation or Npgsql.PostgresErrorCodes.DuplicateTable)
                {
                    // Another node created it at the same moment.
                }
            }
            finally
            {
                await database.CloseConnectionAsync();
            }
        }

        await database.MigrateAsync(cancellationToken);
    }
}
