using System.Globalization;
using System.Text;

namespace Commerce.Customers.Benchmarks;

/// <summary>One measured target: what, the two figures, their ratio, the target, and whether it holds.</summary>
public sealed record BenchResult(string What, string Product, string Limit, double Ratio, string Target, bool Holds);

/// <summary>Collects results and prints them as the Markdown table the README carries.</summary>
public sealed class ResultTable
{
    private readonly List<BenchResult> _results = [];

    public IReadOnlyList<BenchResult> Results => _results;

    public void Add(BenchResult result)
    {
        _results.Add(result);
        Console.WriteLine($"  {result.What}: {result.Product} vs {result.Limit} = {result.Ratio.ToString("0.00", CultureInfo.InvariantCulture)} ({result.Target}: {(result.Holds ? "holds" : "MISSED")})");
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| what | product | limit it is compared with | ratio | target | holds |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var result in _results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {result.What} | {result.Product} | {result.Limit} | {result.Ratio:0.00} | {result.Target} | {(result.Holds ? "yes" : "**no**")} |");
        }

        return text.ToString();
    }

    public static string Ms(double milliseconds) => milliseconds.ToString(milliseconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " ms";
}
