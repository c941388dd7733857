using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// Tells cheaply whether anything can have been written to a site's database since it last looked,
/// so that a run of refused requests is compared table by table (<see cref="DatabaseSnapshot"/>)
/// only where something may have changed. It errs one way only: it may say "changed" when nothing
/// did (then the full comparison decides), never "unchanged" after a commit.
/// <list type="bullet">
/// <item>SQLite: <c>PRAGMA data_version</c> on a connection of its own, which changes whenever any
/// other connection commits to the file.</item>
/// <item>PostgreSQL: a statement-level trigger on every table bumps a sequence on every insert,
/// update, delete or truncate, committed or not (sequences ignore rollbacks).</item>
/// </list>
/// </summary>
public sealed class DatabaseChanges : IAsyncDisposable
{
    private const string Counter = "test_database_changes";

    private readonly DbConnection _connection;
    private readonly string _query;
    private long _seen;

    private DatabaseChanges(DbConnection connection, string query)
    {
        _connection = connection;
        _query = query;
    }

    public static async Task<DatabaseChanges> WatchAsync(TestSite site)
    {
        var (connectionString, postgres) = await site.WithDbAsync(db => Task.FromResult((db.Database.GetConnectionString()!, db.Database.IsNpgsql())));
        DatabaseChanges changes;
        if (postgres)
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await InstallCounterAsync(connection);
            changes = new DatabaseChanges(connection, $"SELECT last_value FROM {Counter}");
        }
        else
        {
            // A connection of its own, never pooled: data_version is counted per connection.
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            changes = new DatabaseChanges(connection, "PRAGMA data_version");
        }

        changes._seen = await changes.ReadAsync();
        return changes;
    }

    /// <summary>Whether a change may have been committed since the last call (or since watching began).</summary>
    public async Task<bool> MayHaveChangedAsync()
    {
        var now = await ReadAsync();
        var changed = now != _seen;
        _seen = now;
        return changed;
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    private async Task<long> ReadAsync()
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = _query;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The sequence, its trigger function and one trigger per table; run again, it only adds triggers to new tables.</summary>
    private static async Task InstallCounterAsync(NpgsqlConnection connection)
    {
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var script = new System.Text.StringBuilder($"""
            CREATE SEQUENCE IF NOT EXISTS {Counter};
            CREATE OR REPLACE FUNCTION {Counter}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM nextval('{Counter}'); RETURN NULL; END $$;
            """);
        // Tables the snapshot leaves out are not counted either: a write there is no change to compare.
        foreach (var table in tables.Where(table => !DatabaseSnapshot.Ignored.Contains(table)))
        {
            script.Append("CREATE OR REPLACE TRIGGER " + Counter + " AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON \"" + table + "\" FOR EACH STATEMENT EXECUTE FUNCTION " + Counter + "();\n");
        }

        // Read once so that last_value is defined before the first change.
        script.Append("SELECT nextval('" + Counter + "');");
        await using var install = new NpgsqlCommand(script.ToString(), connection);
        await install.ExecuteNonQueryAsync();
    }
}
