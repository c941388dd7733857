using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server owned by the test process, so tests exercise the production
/// provider without needing a service started outside the test run.
/// </summary>
/// <remarks>
/// Set <c>COMMERCE_TEST_POSTGRES</c> to an admin connection string to use an existing server instead.
/// </remarks>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string ExternalServerVariable = "COMMERCE_TEST_POSTGRES";

    private const string SuperUser = "postgres";
    private const string BinariesRoot = "/usr/lib/postgresql";
    private const int StartAttempts = 3;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);

    private readonly ConcurrentBag<string> _createdDatabases = [];
    private string? _binDirectory;
    private string? _dataDirectory;
    private bool _runAsPostgresUser;
    private int _stopped;
    private Process? _watchdog;
    private string? _adminConnectionString;

    public string AdminConnectionString =>
        _adminConnectionString ?? throw new InvalidOperationException("The PostgreSQL server has not been started.");

    private bool IsExternal => _dataDirectory is null;

    private string DataDirectory =>
        _dataDirectory ?? throw new InvalidOperationException("The PostgreSQL data directory has not been created.");

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            _adminConnectionString = external;
            return;
        }

        _binDirectory = FindBinDirectory();
        // initdb refuses to run as root, so a root test process hands the cluster to the postgres user.
        _runAsPostgresUser = Environment.IsPrivilegedProcess;
        // Fixed /tmp rather than TMPDIR: the postgres user must reach it and the socket path must stay short.
        _dataDirectory = Path.Combine("/tmp", "commerce-pg-" + Guid.NewGuid().ToString("N")[..16]);
        // initdb tightens the permissions of an existing empty directory itself.
        Directory.CreateDirectory(_dataDirectory);
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;

        if (_runAsPostgresUser)
        {
            await RunAsync("chown", [SuperUser + ":" + SuperUser, _dataDirectory]);
        }

        await RunPostgresToolAsync("initdb", ["-D", _dataDirectory, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
        var port = await StartAsync();
        _watchdog = StartWatchdog();

        _adminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = SuperUser,
            Database = "postgres",
            IncludeErrorDetail = true,
            Pooling = true,
        }.ConnectionString;
    }

    /// <summary>Creates an empty database that no other test sees and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? prefix = null)
    {
        var name = DatabaseName(prefix);
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            // Since 15 the default WAL_LOG strategy logs every block; copying files is about 3x faster here.
            var strategy = connection.PostgreSqlVersion.Major >= 15 ? " STRATEGY = FILE_COPY" : "";
            await using var command = new NpgsqlCommand("CREATE DATABASE \"" + name + "\"" + strategy, connection);
            await command.ExecuteNonQueryAsync();
        }

        _createdDatabases.Add(name);
        return new NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Database = name,
            IncludeErrorDetail = true,
            Pooling = true,
            // Every test database has its own pools (EF keeps a data source per connection string),
            // which outlive the test's site. Idle connections are closed after seconds, not the
            // default five minutes: a run's sites had used up max_connections ("53300: too many clients").
            ConnectionIdleLifetime = 10,
            ConnectionPruningInterval = 5,
        }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;

        if (IsExternal)
        {
            // A shared server outlives the run, so leave it as we found it.
            await DropCreatedDatabasesAsync();
            return;
        }

        await Task.Run(Stop);
        _watchdog?.Dispose();
    }

    private async Task<int> StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            try
            {
                await StartOnPortAsync(port);
                return port;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts && LogTail().Contains("could not bind", StringComparison.OrdinalIgnoreCase))
            {
                // Another process took the port between probing and binding; a new port fixes it.
            }
        }
    }

    private Task StartOnPortAsync(int port)
    {
        var options = string.Join(
            ' ',
            "-c listen_addresses=127.0.0.1",
            "-p " + port.ToString(CultureInfo.InvariantCulture),
            "-k " + DataDirectory,
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
            "-c max_connections=300");
        return RunPostgresToolAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(DataDirectory, "server.log"), "-w", "-t", "60", "-o", options, "start"]);
    }

    /// <summary>
    /// An outage: a fast shutdown, which cuts every open session as a crashed or restarted server
    /// does. Only the cluster this object started can be stopped.
    /// </summary>
    public Task StopForOutageAsync()
    {
        EnsureOwnCluster();
        return RunPostgresToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"]);
    }

    /// <summary>Ends the outage on the same port, so clients configured with it reconnect.</summary>
    public async Task StartAgainAsync()
    {
        EnsureOwnCluster();
        await StartOnPortAsync(new NpgsqlConnectionStringBuilder(AdminConnectionString).Port);
        // This process's pools still hold connections the shutdown cut.
        NpgsqlConnection.ClearAllPools();
    }

    private void EnsureOwnCluster()
    {
        if (IsExternal)
        {
            throw new InvalidOperationException($"An outage needs the test's own PostgreSQL cluster; unset {ExternalServerVariable} to run this test.");
        }
    }

    private void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0 || _dataDirectory is null || _binDirectory is null)
        {
            return;
        }

        try
        {
            _watchdog?.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone; it only matters that it is not left behind.
        }

        try
        {
            var (executable, arguments) = StopCommand();
            using var process = Process.Start(StartInfo(executable, arguments));
            if (process is not null && !process.WaitForExit(CommandTimeout))
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Best effort: the server may already be gone.
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover directory in /tmp does no harm.
        }
    }

    // A run that exits without disposing fixtures would otherwise leave the server running.
    private void OnProcessExit(object? sender, EventArgs e) => Stop();

    /// <summary>
    /// Stops the server once this process is gone, however it went: a crash, a hang killed by the
    /// runner or SIGTERM (which no longer raises ProcessExit as of .NET 10) never run managed cleanup.
    /// </summary>
    private Process StartWatchdog()
    {
        const string Script = """
            trap '' HUP INT TERM
            exec </dev/null >/dev/null 2>&1
            pid=$1; directory=$2; shift 2
            while kill -0 "$pid"; do sleep 1; done
            "$@"
            rm -rf "$directory"
            """;
        var (stopExecutable, stopArguments) = StopCommand();
        var startInfo = StartInfo(
            "sh",
            ["-c", Script, "commerce-pg-watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), DataDirectory, stopExecutable, .. stopArguments]);
        startInfo.RedirectStandardInput = true;
        return Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the PostgreSQL watchdog.");
    }

    private (string Executable, IReadOnlyList<string> Arguments) StopCommand() =>
        PostgresCommand("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "stop"]);

    private async Task DropCreatedDatabasesAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
            foreach (var name in _createdDatabases)
            {
                await using var command = new NpgsqlCommand("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
            }
        }
        catch (NpgsqlException)
        {
            // Best effort: leftover databases have unique names and do not disturb later runs.
        }
    }

    private static string DatabaseName(string? prefix)
    {
        var builder = new StringBuilder("t_");
        if (!string.IsNullOrWhiteSpace(prefix))
        {
            // Only [a-z0-9_] so the name never needs escaping and stays within the 63-byte identifier limit.
            foreach (var c in prefix.ToLowerInvariant())
            {
                if (builder.Length >= 40)
                {
                    break;
                }

                builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
            }

            builder.Append('_');
        }

        builder.Append(Guid.NewGuid().ToString("N").AsSpan(0, 12));
        return builder.ToString();
    }

    private static string FindBinDirectory()
    {
        var candidates = Directory.Exists(BinariesRoot)
            ? Directory.GetDirectories(BinariesRoot)
                .Select(directory => (Directory: Path.Combine(directory, "bin"), Version: MajorVersion(directory)))
                .Where(candidate => File.Exists(Path.Combine(candidate.Directory, "initdb")) && File.Exists(Path.Combine(candidate.Directory, "pg_ctl")))
                .ToList()
            : [];

        if (candidates.Count == 0)
        {
            throw new InvalidOperationException(
                "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin. Install them with: apt-get install -y postgresql-15 (test.sh does this when run as root).");
        }

        // 15 is what test.sh installs, so preferring it keeps every machine on the same server version.
        var preferred = candidates.Find(candidate => candidate.Version == 15);
        return preferred.Directory ?? candidates.MaxBy(candidate => candidate.Version).Directory;
    }

    private static int MajorVersion(string directory) =>
        int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1;

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private Task RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var (executable, fullArguments) = PostgresCommand(tool, arguments);
        return RunAsync(executable, fullArguments);
    }

    private (string Executable, IReadOnlyList<string> Arguments) PostgresCommand(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_binDirectory!, tool);
        return _runAsPostgresUser
            ? ("runuser", ["-u", SuperUser, "--", path, .. arguments])
            : (path, arguments);
    }

    private ProcessStartInfo StartInfo(string executable, IReadOnlyList<string> arguments)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The postgres user may not be able to enter the test's working directory.
            WorkingDirectory = _dataDirectory ?? "/tmp",
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    private async Task RunAsync(string executable, IReadOnlyList<string> arguments)
    {
        using var process = new Process { StartInfo = StartInfo(executable, arguments) };
        process.Start();
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();

        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException(Failure(executable, arguments, "timed out after " + CommandTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s", "", ""));
        }

        var output = await standardOutput;
        var error = await standardError;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(Failure(executable, arguments, "exited with code " + process.ExitCode.ToString(CultureInfo.InvariantCulture), output, error));
        }
    }

    private string Failure(string executable, IReadOnlyList<string> arguments, string outcome, string output, string error)
    {
        var message = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"PostgreSQL test server command {outcome}: {executable} {string.Join(' ', arguments)}")
            .AppendLine()
            .AppendLine("--- stdout ---").AppendLine(output.TrimEnd())
            .AppendLine("--- stderr ---").AppendLine(error.TrimEnd());
        var log = LogTail();
        if (log.Length > 0)
        {
            message.AppendLine("--- server.log (tail) ---").AppendLine(log);
        }

        return message.ToString();
    }

    private string LogTail()
    {
        var logFile = _dataDirectory is null ? null : Path.Combine(_dataDirectory, "server.log");
        if (logFile is null || !File.Exists(logFile))
        {
            return "";
        }

        try
        {
            return string.Join(Environment.NewLine, File.ReadLines(logFile).TakeLast(40));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
