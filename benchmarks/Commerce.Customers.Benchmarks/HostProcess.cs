using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Commerce.Customers.Benchmarks;

/// <summary>
/// The real Host, run as its own process from its Release build, exactly as <c>dotnet run</c>
/// would: the list and export are measured over HTTP, its memory from /proc, and wrk loads it.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    public const string AdminEmail = "bench@example.com";
    public const string AdminPassword = "Bench-Passw0rd-2026!";

    private readonly Process _process;

    private HostProcess(Process process, Uri root)
    {
        _process = process;
        Root = root;
    }

    public Uri Root { get; }

    public int ProcessId => _process.Id;

    /// <summary>Sets the site up (the benchmark recipe: a blank shop) and generates customers, then exits: the Host's own tool.</summary>
    public static async Task<TimeSpan> SetUpAndGenerateAsync(BenchOptions options, string dataFolder, int count)
    {
        var watch = Stopwatch.StartNew();
        using var process = Start(options, dataFolder, port: null, ["--generate-customers", count.ToString(CultureInfo.InvariantCulture), "--registered-fraction", "0.2"]);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Generating customers failed ({process.ExitCode}):\n{await output}\n{await errors}");
        }

        return watch.Elapsed;
    }

    public static async Task<HostProcess> StartAsync(BenchOptions options, string dataFolder)
    {
        var port = FreePort();
        var process = Start(options, dataFolder, port, []);
        // Drain the output so the child never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => { if (line.Data is { Length: > 0 } text && text.Contains("fail", StringComparison.OrdinalIgnoreCase)) { Console.Error.WriteLine("  host: " + text); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The Host exited with code {process.ExitCode} before it served.");
            }

            try
            {
                if ((await http.GetAsync(new Uri(host.Root, "/health"))).StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The Host did not start serving within two minutes.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Resident memory now and at its peak since the last <see cref="ResetPeakMemory"/>, in MB.</summary>
    public (double Resident, double Peak) Memory()
    {
        double Read(string key) => File.ReadLines($"/proc/{_process.Id}/status")
            .Where(line => line.StartsWith(key + ":", StringComparison.Ordinal))
            .Select(line => double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024)
            .FirstOrDefault();
        return (Read("VmRSS"), Read("VmHWM"));
    }

    /// <summary>Linux resets the peak resident size (VmHWM) to the current one when 5 is written to clear_refs.</summary>
    public void ResetPeakMemory() => File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static Process Start(BenchOptions options, string dataFolder, int? port, IEnumerable<string> arguments)
    {
        var binaries = Path.Combine(options.RepositoryRoot, "Host", "bin", "Release", "net10.0");
        var dll = Path.Combine(binaries, "Commerce.Customers.Host.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the Host in Release first (benchmarks/run.sh does): {dll} is missing.");
        }

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = binaries, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var environment = start.Environment;
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["ASPNETCORE_URLS"] = port is { } p ? $"http://127.0.0.1:{p}" : "http://127.0.0.1:0";
        environment["Logging__LogLevel__Default"] = "Warning";
        environment["CommerceCustomers__Database__Provider"] = options.IsPostgres ? "PostgreSql" : "Sqlite";
        environment["CommerceCustomers__Database__DataFolder"] = dataFolder;
        environment["CommerceCustomers__Database__ConnectionString"] = options.PostgresConnectionString ?? "";
        environment["CommerceCustomers__Email__PickupFolder"] = Path.Combine(dataFolder, "mail");
        environment["Setup__SiteName"] = "Benchmark shop";
        environment["Setup__AdminEmail"] = AdminEmail;
        environment["Setup__AdminPassword"] = AdminPassword;
        // A blank shop whose staff sign in with a password alone, so the benchmark's admin session needs no second factor.
        environment["Setup__Recipe"] = Path.Combine(AppContext.BaseDirectory, "benchmark.recipe.json");
        return Process.Start(start) ?? throw new InvalidOperationException("The Host could not be started.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
