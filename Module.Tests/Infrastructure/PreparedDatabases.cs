using System.Collections.Concurrent;
using System.Globalization;
using Commerce.Customers.Data;
using Npgsql;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// Databases that unattended set-up has already prepared, copied for each new test site instead of
/// migrating and setting up again: a SQLite file copy, or <c>CREATE DATABASE … TEMPLATE</c> on
/// PostgreSQL. A site on the copy starts as a set-up site restarts (migrations find nothing to do,
/// set-up finds the site set up), on exactly the rows the same set-up writes; the set-up itself is
/// what <c>SetupTests</c>, <c>HostileSetupTests</c> and <c>SiteAddressTests</c> test, on sites of
/// their own.
/// </summary>
/// <remarks>
/// <para>
/// Migrating and setting up took about half a second of a start of 0.8 s on SQLite and 0.7 of 0.9 s on
/// PostgreSQL; the suite starts several hundred sites.
/// </para>
/// <para>
/// A prepared database is made once per kind of site: the provider and server, the recipe, the password
/// hashing cost and every setting, because any of them may change what set-up writes. It is made by a
/// site of those options with its background work off, so it holds what set-up wrote and nothing
/// else; it is made anew each day, so that nothing dated by set-up is older than the day of the test.
/// A kind is prepared only when a second site of it starts (the first starts as before), and sites
/// whose start is itself under test, or that bring anything set-up could depend on beyond their
/// options, always start from nothing: a clock, services, a data folder, a recipes folder, set-up
/// settings or a certificate of their own.
/// </para>
/// </remarks>
internal static class PreparedDatabases
{
    private const string SqliteFile = "customers.db";

    private static readonly ConcurrentDictionary<string, int> Requests = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<Task<Prepared?>>> Kinds = new(StringComparer.Ordinal);
    private static readonly ConcurrentBag<(string AdminConnectionString, string Database)> PostgresTemplates = [];
    private static readonly ConcurrentBag<string> Folders = [];
    private static int _processExitHooked;

    /// <summary>
    /// Fills the new site's database (its data folder, or the empty PostgreSQL database it was given)
    /// from a prepared one if its kind has one; otherwise leaves it alone, and the site sets itself up.
    /// </summary>
    public static async Task FillAsync(TestSiteOptions options, string dataFolder)
    {
        if (KindOf(options) is not { } kind || Requests.AddOrUpdate(kind, 1, (_, count) => count + 1) < 2)
        {
            return;
        }

        var prepared = await Kinds.GetOrAdd(kind, _ => new Lazy<Task<Prepared?>>(() => PrepareAsync(options))).Value;
        if (prepared is null)
        {
            return;
        }

        if (options.Provider == DatabaseProvider.Sqlite)
        {
            CopySqlite(prepared.Location, dataFolder);
        }
        else
        {
            await CopyPostgresAsync(prepared.Location, options.ConnectionString!);
        }
    }

    /// <summary>What the prepared database depends on, or null for a site that always starts from nothing.</summary>
    private static string? KindOf(TestSiteOptions options)
    {
        if (options.SetupRecipe is null || options.RecipesFolder is not null || options.DataFolder is not null
            || options.Clock is not null || options.Services is not null
            || options.Settings.Keys.Any(key => key.StartsWith("Setup:", StringComparison.OrdinalIgnoreCase) || key.Equals(SharedKeyRingCertificate.Setting, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var server = "";
        if (options.Provider == DatabaseProvider.PostgreSql)
        {
            var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            server = $"{builder.Host}:{builder.Port.ToString(CultureInfo.InvariantCulture)}:{builder.Username}";
        }
        else if (options.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var settings = string.Join('\n', options.Settings.OrderBy(setting => setting.Key, StringComparer.Ordinal).Select(setting => $"{setting.Key}={setting.Value}"));
        return string.Join('|', options.Provider, server, options.SetupRecipe, options.ProductionPasswordHashing, DateTime.UtcNow.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), settings);
    }

    /// <summary>Sets up a site of these options with its background work off, stops it, and keeps its database.</summary>
    private static async Task<Prepared?> PrepareAsync(TestSiteOptions options)
    {
        var settings = new Dictionary<string, string>(options.Settings)
        {
            ["CommerceCustomers:Email:Dispatcher:Enabled"] = "false",
            ["CommerceCustomers:BulkJobs:Enabled"] = "false",
            ["CommerceCustomers:Memberships:JobEnabled"] = "false",
        };
        var folder = Path.Combine(Path.GetTempPath(), "commerce-prepared-" + Guid.NewGuid().ToString("N")[..12]);
        Folders.Add(folder);
        HookProcessExit();
        string? database = null;
        var prepare = new TestSiteOptions
        {
            Provider = options.Provider,
            SetupRecipe = options.SetupRecipe,
            ProductionPasswordHashing = options.ProductionPasswordHashing,
            Settings = settings,
            DataFolder = folder,
        };
        try
        {
            if (options.Provider == DatabaseProvider.PostgreSql)
            {
                var admin = AdminConnectionString(options.ConnectionString!);
                database = "prepared_" + Guid.NewGuid().ToString("N")[..12];
                await ExecuteAsync(admin, $"CREATE DATABASE \"{database}\"{await StrategyAsync(admin)}");
                PostgresTemplates.Add((admin, database));
                prepare = prepare with { ConnectionString = new NpgsqlConnectionStringBuilder(options.ConnectionString) { Database = database }.ConnectionString };
            }

            await using (await TestSite.StartAsync(prepare))
            {
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (prepare.ConnectionString is not null)
            {
                // A database with sessions cannot be copied: the stopped site's idle pooled connections go.
                NpgsqlConnection.ClearPool(new NpgsqlConnection(prepare.ConnectionString));
                await ExecuteAsync(AdminConnectionString(options.ConnectionString!), $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()");
                return new Prepared(database!);
            }

            return new Prepared(folder);
        }
        catch (Exception)
        {
            // Whatever went wrong, the sites of this kind set themselves up, and the test meets it there.
            return null;
        }
    }

    private static void CopySqlite(string preparedFolder, string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        foreach (var file in Directory.GetFiles(preparedFolder, SqliteFile + "*"))
        {
            // The shared-memory index is rebuilt from the database and its log by the first connection.
            if (!file.EndsWith("-shm", StringComparison.Ordinal))
            {
                File.Copy(file, Path.Combine(dataFolder, Path.GetFileName(file)));
            }
        }
    }

    /// <summary>Replaces the empty database the test made with a copy of the prepared one, under the same name.</summary>
    private static async Task CopyPostgresAsync(string template, string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var tables = new NpgsqlCommand("SELECT count(*) FROM pg_catalog.pg_class WHERE relnamespace = current_schema()::regnamespace", connection);
            if (Convert.ToInt64(await tables.ExecuteScalarAsync(), CultureInfo.InvariantCulture) != 0)
            {
                // The test put something there itself: the site sets it up as it is.
                return;
            }
        }

        var admin = AdminConnectionString(connectionString);
        var strategy = await StrategyAsync(admin);
        await ExecuteAsync(admin, $"DROP DATABASE \"{database}\"");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(admin, $"CREATE DATABASE \"{database}\" TEMPLATE \"{template}\"{strategy}");
                return;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 5)
            {
                // A session on the prepared database (none should be left) keeps it from being copied.
                await ExecuteAsync(admin, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{template}' AND pid <> pg_backend_pid()");
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            }
            catch (PostgresException)
            {
                // The empty database the test made, again: the site sets itself up.
                await ExecuteAsync(admin, $"CREATE DATABASE \"{database}\"{strategy}");
                return;
            }
        }
    }

    private static string AdminConnectionString(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString;

    private static async Task<string> StrategyAsync(string admin)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        // As PostgresServer makes its databases: since 15, copying files is about 3x faster than WAL_LOG.
        return connection.PostgreSqlVersion.Major >= 15 ? " STRATEGY = FILE_COPY" : "";
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The prepared folders, and the prepared databases on an outside server (COMMERCE_TEST_POSTGRES),
    /// go with the process; the run's own server goes whole.
    /// </summary>
    private static void HookProcessExit()
    {
        if (Interlocked.Exchange(ref _processExitHooked, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var folder in Folders)
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception)
                {
                    // Best effort: a leftover temp folder is harmless.
                }
            }

            foreach (var (admin, database) in PostgresTemplates)
            {
                try
                {
                    ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{database}\"").GetAwaiter().GetResult();
                }
                catch (Exception)
                {
                    // Best effort: the server may be gone already.
                }
            }
        };
    }

    private sealed record Prepared(string Location);
}
