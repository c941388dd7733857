using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Commerce.Customers.Data;

/// <summary>
/// Per-connection SQLite settings. The database runs in WAL mode (set once at start-up); with WAL,
/// synchronous=NORMAL syncs at checkpoints instead of at every commit. That makes each commit
/// several times cheaper. The database can never be corrupted by it, and a crash of the site
/// loses nothing; only a power cut may lose the last commits before it.
/// </summary>
internal sealed class SqliteConnectionPragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

    public static SqliteConnectionPragmas Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
