using System.Diagnostics;

namespace Commerce.Customers.Benchmarks;

/// <summary>Side-by-side timing: the two contenders alternate, so the machine's noise falls on both alike.</summary>
public static class Measure
{
    public static async Task<(double A, double B)> MediansAsync(Func<Task> a, Func<Task> b, int repetitions, int warmups = 3)
    {
        for (var i = 0; i < warmups; i++)
        {
            await a();
            await b();
        }

        var timesA = new List<double>(repetitions);
        var timesB = new List<double>(repetitions);
        for (var i = 0; i < repetitions; i++)
        {
            // Alternate which goes first, so neither always meets a warm or a cold cache.
            if (i % 2 == 0)
            {
                timesA.Add(await TimeAsync(a));
                timesB.Add(await TimeAsync(b));
            }
            else
            {
                timesB.Add(await TimeAsync(b));
                timesA.Add(await TimeAsync(a));
            }
        }

        return (Median(timesA), Median(timesB));
    }

    public static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalMilliseconds;
    }

    public static double Median(List<double> values)
    {
        values.Sort();
        return values.Count == 0 ? double.NaN : values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }
}
