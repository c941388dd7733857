using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// The real Host as its own process (its Release or Debug build, like the test assembly), on a free
/// 127.0.0.1 port against a PostgreSQL database: a node of a web farm that a test can kill with
/// SIGKILL. Everything it writes to stdout and stderr is kept, one line per log entry.
/// </summary>
/// <remarks>
/// The site must already be set up in the database (a <see cref="TestSite"/> on it does that), so
/// nodes never race each other through unattended set-up.
/// </remarks>
public sealed class HostNode : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly Process _watchdog;
    private readonly List<string> _output = [];
    private readonly string _dataFolder;
    private readonly SiteSecrets _secrets;
    private readonly IDisposable _running;

    private HostNode(string name, Process process, Uri root, string dataFolder, SiteSecrets secrets)
    {
        Name = name;
        _process = process;
        _watchdog = StartWatchdog(process.Id);
        Root = root;
        _dataFolder = dataFolder;
        _secrets = secrets;
        _running = TestRun.Running("node", $"{name}-{process.Id}");
    }

    public string Name { get; }

    public Uri Root { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Every line the node printed so far (console logs are single-line).</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToArray();
            }
        }
    }

    /// <summary>Starts a node and waits until it serves <c>/health</c>.</summary>
    /// <param name="settings">Configuration keys such as <c>CommerceCustomers:Email:Dispatcher:LeaseDuration</c>.</param>
    /// <param name="secrets">Records the password fields that this node's clients post.</param>
    public static async Task<HostNode> StartAsync(string name, string connectionString, SmtpTestServer smtp, SiteSecrets secrets, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var dataFolder = Path.Combine(Path.GetTempPath(), "commerce-node-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataFolder);
        var binaries = HostBinaries();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = binaries, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(binaries, "Commerce.Customers.Host.dll"));

        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["DOTNET_gcServer"] = "0",
            // Information, as a production console logs: the farm searches these lines for secrets.
            ["Logging:LogLevel:Default"] = "Information",
            // The dispatcher's claims show which node worked on what.
            ["Logging:LogLevel:Commerce.Customers.Notifications.NotificationDispatcher"] = "Debug",
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:Console:FormatterOptions:SingleLine"] = "true",
            ["CommerceCustomers:Database:Provider"] = "PostgreSql",
            ["CommerceCustomers:Database:ConnectionString"] = connectionString,
            ["CommerceCustomers:Database:DataFolder"] = dataFolder,
            ["CommerceCustomers:Email:Delivery"] = "Smtp",
            ["CommerceCustomers:Email:Smtp:Host"] = smtp.Host,
            ["CommerceCustomers:Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["CommerceCustomers:Email:Smtp:Security"] = "None",
            ["CommerceCustomers:Email:Smtp:TimeoutSeconds"] = "5",
            ["CommerceCustomers:Email:Dispatcher:PollInterval"] = "00:00:00.200",
            ["CommerceCustomers:Email:Dispatcher:RetryBaseDelay"] = "00:00:00.300",
            ["CommerceCustomers:Email:Dispatcher:RetryMaxDelay"] = "00:00:01",
            // Every admin and customer of a test signs in from 127.0.0.1.
            ["CommerceCustomers:Accounts:RequestsPerMinutePerIp"] = "100000",
            ["CommerceCustomers:Accounts:SessionRevalidationInterval"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The Host could not be started.");
        var node = new HostNode(name, process, new Uri($"http://127.0.0.1:{port}"), dataFolder, secrets);
        process.OutputDataReceived += (_, line) => node.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => node.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await node.WaitUntilServingAsync();
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    /// <summary>A browser-like client of this node: cookies kept, redirects not followed.</summary>
    public SiteClient CreateSiteClient() =>
        new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = Root,
            Timeout = TimeSpan.FromSeconds(100),
        }, _secrets);

    public async Task<SiteClient> AdminClientAsync()
    {
        var client = CreateSiteClient();
        await client.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);
        return client;
    }

    /// <summary>Ends the process with SIGKILL: no shutdown code runs, as in a power cut.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>Output lines of warnings, errors and crashes, for a failure message.</summary>
    public string Problems() => string.Join('\n', Output.Where(line => line.StartsWith("fail", StringComparison.Ordinal) || line.StartsWith("crit", StringComparison.Ordinal) || line.StartsWith("Unhandled", StringComparison.Ordinal)));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
        _running.Dispose();
        _watchdog.Kill();
        _watchdog.Dispose();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Node {Name} exited with code {_process.ExitCode} before it served:\n{string.Join('\n', Output)}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Root, "/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Node {Name} did not serve within {StartTimeout.TotalSeconds} s:\n{string.Join('\n', Output)}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Kills the node once the test process is gone, however it went: a crashed or hung-and-killed
    /// run never disposes it, and a node left behind would serve 503s for ever.
    /// </summary>
    private static Process StartWatchdog(int nodeProcessId)
    {
        const string Script = """
            trap '' HUP INT TERM
            exec </dev/null >/dev/null 2>&1
            while kill -0 "$1" && kill -0 "$2"; do sleep 1; done
            kill -9 "$2"
            """;
        var start = new ProcessStartInfo("sh") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in new[] { "-c", Script, "commerce-node-watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), nodeProcessId.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the node's watchdog.");
    }

    /// <summary>The Host's build output for the test assembly's configuration; the test project references the Host, so it is built first.</summary>
    private static string HostBinaries()
    {
        var testBinaries = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBinaries.Name;
        var configuration = testBinaries.Parent!.Name;
        for (var directory = testBinaries; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "Host", "bin", configuration, framework);
            if (File.Exists(Path.Combine(candidate, "Commerce.Customers.Host.dll")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"The Host's {configuration} build was not found above {testBinaries.FullName}; build the solution first.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
