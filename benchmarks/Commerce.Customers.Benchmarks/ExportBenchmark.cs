using System.Globalization;

namespace Commerce.Customers.Benchmarks;

/// <summary>The CSV export of every customer, read to the end, while the server's peak resident memory is watched.</summary>
public sealed class ExportBenchmark(BenchOptions options, HostProcess host, AdminSession admin, ResultTable table)
{
    private const double TargetMegabytes = 150;

    public async Task RunAsync()
    {
        // Settle first, so the baseline is the idle server, not the previous benchmark's garbage.
        await admin.PageAsync("/admin/customers");
        await Task.Delay(1000);
        host.ResetPeakMemory();
        var idle = host.Memory();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var response = await admin.Http.GetAsync("/admin/customers/export", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body);
        var lines = 0L;
        while (await reader.ReadLineAsync() is not null)
        {
            lines++;
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var peak = host.Memory().Peak;
        var added = peak - idle.Resident;
        if (lines < options.Size + 1)
        {
            throw new InvalidOperationException($"The export had {lines} lines for {options.Size} customers.");
        }

        var size = options.Size.ToString("N0", CultureInfo.InvariantCulture);
        table.Add(new BenchResult(
            $"CSV export of {size} customers ({options.Provider}; {seconds:0.0} s, {lines - 1:N0} rows)",
            $"{added:0} MB above idle (peak resident {peak:0} MB, idle {idle.Resident:0} MB)",
            $"{TargetMegabytes:0} MB",
            added / TargetMegabytes,
            "< 150 MB",
            added < TargetMegabytes));
    }
}
