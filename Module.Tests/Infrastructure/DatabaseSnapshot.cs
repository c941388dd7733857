using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// Every row of every table, to prove that a refused request wrote nothing at all: as text on
/// SQLite, as a digest per table computed by PostgreSQL. It reads the tables the database has rather
/// than a list of entities, so a table added later is covered too.
/// </summary>
public static class DatabaseSnapshot
{
    /// <summary>
    /// Data Protection keys are created on first use and say nothing about what a request changed;
    /// every attempt to sign in is kept on purpose for its owner's sign-in history (SignInHistoryTests
    /// proves what is kept), like the lockout count below.
    /// </summary>
    internal static readonly IReadOnlySet<string> Ignored = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "DataProtectionKeys", "SignInEvents" };

    /// <summary>
    /// A wrong current password is counted toward lockout on purpose, so a refusal of a form that
    /// takes one may change these columns of the login and nothing else.
    /// </summary>
    public static readonly IReadOnlySet<string> LockoutColumns = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "AspNetUsers.AccessFailedCount", "AspNetUsers.LockoutEnd", "AspNetUsers.ConcurrencyStamp",
    };

    public static Task<string> TakeAsync(TestSite site, IReadOnlySet<string>? ignoredColumns = null) => site.WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            // On PostgreSQL the server digests each table itself, in one round trip: a client
            // reading every row after every case cost more than the requests under test.
            return db.Database.IsNpgsql()
                ? await PostgresDigestAsync(connection, Ignored, ignoredColumns)
                : await TextAsync(connection, postgres: false, Ignored, ignoredColumns);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    });

    /// <summary>Every row of every table but <paramref name="ignored"/>, through an open connection.</summary>
    public static async Task<string> TextAsync(DbConnection connection, bool postgres, IReadOnlySet<string> ignored, IReadOnlySet<string>? ignoredColumns = null)
    {
        var text = new StringBuilder();
        foreach (var table in await TablesAsync(connection, postgres))
        {
            if (ignored.Contains(table))
            {
                continue;
            }

            var rows = new List<string>();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var values = new string[reader.FieldCount];
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    values[i] = ignoredColumns?.Contains($"{table}.{reader.GetName(i)}") == true
                        ? "*"
                        : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
                }

                rows.Add(string.Join('|', values));
            }

            // Rows without an ORDER BY come in any order; sorting makes two snapshots comparable.
            rows.Sort(StringComparer.Ordinal);
            text.Append("== ").Append(table).Append('\n');
            rows.ForEach(row => text.Append(row).Append('\n'));
        }

        return text.ToString();
    }

    /// <summary>
    /// Each table's rows as one MD5 digest, computed by PostgreSQL over the rows' text in a fixed
    /// order: equal digests are equal tables, and a failure still names the table that changed.
    /// </summary>
    private static async Task<string> PostgresDigestAsync(DbConnection connection, IReadOnlySet<string> ignored, IReadOnlySet<string>? ignoredColumns)
    {
        var columns = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        await using (var list = connection.CreateCommand())
        {
            // The catalog itself rather than information_schema, whose views cost the server
            // several times the digest of the tables here; the same tables and columns.
            list.CommandText = """
                SELECT c.relname, a.attname FROM pg_catalog.pg_class c
                JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
                ORDER BY c.relname, a.attnum
                """;
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var (table, column) = (reader.GetString(0), reader.GetString(1));
                if (ignored.Contains(table))
                {
                    continue;
                }

                if (!columns.TryGetValue(table, out var kept))
                {
                    columns[table] = kept = [];
                }

                // An ignored column still shows that a row is there, as "*" does in the text snapshot.
                kept.Add(ignoredColumns?.Contains($"{table}.{column}") == true ? "'*'" : $"\"{column}\"");
            }
        }

        await using var digest = connection.CreateCommand();
        digest.CommandText = string.Join("\nUNION ALL\n", columns.Select(table =>
            $"SELECT '{table.Key}', count(*), md5(coalesce(string_agg(x, E'\\n' ORDER BY x), '')) FROM (SELECT ROW({string.Join(", ", table.Value)})::text AS x FROM \"{table.Key}\") rows"));
        var text = new StringBuilder();
        await using (var reader = await digest.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                text.Append("== ").Append(reader.GetString(0)).Append(' ').Append(reader.GetInt64(1)).Append(" rows ").Append(reader.GetString(2)).Append('\n');
            }
        }

        return text.ToString();
    }

    private static async Task<List<string>> TablesAsync(DbConnection connection, bool postgres)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = postgres
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
