using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Commerce.Customers.Benchmarks;

/// <summary>
/// wrk with 16 connections on the list page, signed in, beside a trivial endpoint of the same host:
/// zero errors, and requests per second and p99 for both.
/// </summary>
public sealed partial class LoadBenchmark(BenchOptions options, HostProcess host, AdminSession admin, ResultTable table)
{
    public async Task RunAsync()
    {
        if (!File.Exists("/usr/bin/wrk"))
        {
            Console.WriteLine("  wrk is not installed (apt-get install wrk); the load test is skipped.");
            return;
        }

        var list = await RunWrkAsync(new Uri(host.Root, "/admin/customers").ToString(), admin.CookieHeader);
        var trivial = await RunWrkAsync(new Uri(host.Root, "/health").ToString(), null);
        var errors = list.Errors + trivial.Errors;
        table.Add(new BenchResult(
            $"Load, wrk 16 connections {options.WrkSeconds} s on the list ({options.Provider}, {options.Size:N0} customers)",
            $"{list.RequestsPerSecond:0} req/s, p99 {list.P99}, {list.Errors} errors",
            $"{trivial.RequestsPerSecond:0} req/s, p99 {trivial.P99} on /health",
            list.RequestsPerSecond / trivial.RequestsPerSecond,
            "zero errors",
            errors == 0 && list.Requests > 0));
    }

    private async Task<WrkResult> RunWrkAsync(string url, string? cookie)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-t2", "-c16", $"-d{options.WrkSeconds}s", "--latency", "--timeout", "10s" })
        {
            start.ArgumentList.Add(argument);
        }

        if (cookie is not null)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add("Cookie: " + cookie);
        }

        start.ArgumentList.Add(url);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var requests = RequestsLine().Match(output);
        var errors = 0L;
        foreach (Match match in ErrorCounts().Matches(output))
        {
            errors += long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        return new WrkResult(
            requests.Success ? long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            P99().Match(output).Groups[1].Value,
            errors);
    }

    private sealed record WrkResult(long Requests, double RequestsPerSecond, string P99, long Errors);

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"99%\s+(\S+)")]
    private static partial Regex P99();

    // "Non-2xx or 3xx responses: N" and "Socket errors: connect N, read N, write N, timeout N".
    [GeneratedRegex(@"(?:Non-2xx or 3xx responses:|connect|read|write|timeout)\s+(\d+)")]
    private static partial Regex ErrorCounts();
}
