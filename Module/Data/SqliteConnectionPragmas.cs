using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Commerce.Customers.Data;

/// <summary>
/// Per-connection SQLite settings. The database runs in WAL mode (set once at start-up); with WAL,
/// synchronous=NORMAL syncs at checkpoints instead of at every commit. That makes each commit
/// several times cheaper. The database can never be corrupted by it, and a crash of the site
/// loses nothing; only a power cut may lose the last commits before it.
/// </summary>
/// <remarks>
/// EF opens a connection for every query, and the pool hands out the same native connections
/// again; the setting belongs to the native connection, so it is applied once per native
/// connection, not on every open.
/// </remarks>
internal sealed class SqliteConnectionPragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL;";
    private static readonly object Applied = new();
    private readonly ConditionalWeakTable<object, object> _configured = [];

    public static SqliteConnectionPragmas Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsNew(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsNew(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private bool IsNew(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _configured.TryAdd(handle, Applied);
}
