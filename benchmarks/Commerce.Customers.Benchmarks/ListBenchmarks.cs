using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Commerce.Customers.Benchmarks;

/// <summary>
/// The admin list at scale: each page's full HTML from the real endpoint against the raw query
/// for the same rows, and a deep page (reached by following Next) against the first.
/// </summary>
public sealed partial class ListBenchmarks(BenchOptions options, AdminSession admin, RawListQueries raw, ResultTable table)
{
    public async Task RunAsync()
    {
        var label = $"{options.Size.ToString("N0", CultureInfo.InvariantCulture)} customers, {options.Provider}";

        // A running server has long since compiled its hot paths to optimized code. .NET's tiered
        // JIT (with profile-guided optimization) needs many calls and some seconds to get there: the
        // list page takes about 8 ms cold and 2 ms warm on this machine. Measure the warm server.
        var warmUntil = DateTime.UtcNow.AddSeconds(20);
        string[] warmUps = ["/admin/customers", "/admin/customers?sort=lastname&dir=asc", "/admin/customers?q=mary.smith"];
        for (var i = 0; DateTime.UtcNow < warmUntil; i++)
        {
            await admin.PageAsync(warmUps[i % warmUps.Length]);
        }

        await Task.Delay(1000); // Let the background compiler finish.
        await CompareAsync($"List, first page of 50 by last name ({label})", "/admin/customers?sort=lastname&dir=asc", raw.ByLastNameAsync);
        var firstNewest = await CompareAsync($"List, sort by created descending ({label})", "/admin/customers?sort=created&dir=desc", () => raw.NewestFirstAsync());

        // A deep page, reached by the list's own navigation: Next, page after page.
        var pages = Math.Max(1, options.Size / 50);
        var depth = Math.Min(pages / 2, 1000);
        var url = "/admin/customers?sort=created&dir=desc";
        List<RawRow> rawPage = await raw.NewestFirstAsync();
        for (var page = 1; page < depth; page++)
        {
            url = NextUrl(await admin.PageAsync(url)) ?? url;
            rawPage = await raw.NewestFirstAsync(rawPage[49]);
        }

        var deepAfter = rawPage[49];
        var deep = await CompareAsync($"List, page {depth + 1:N0} reached by Next ({label})", NextUrl(await admin.PageAsync(url)) ?? url, () => raw.NewestFirstAsync(deepAfter));
        table.Add(new BenchResult($"List, page {depth + 1:N0} against page 1 ({label})", ResultTable.Ms(deep), ResultTable.Ms(firstNewest), deep / firstNewest, "≤ 1.5×", deep / firstNewest <= 1.5));

        await CompareAsync($"List, filter by email prefix \"mary.smith\" ({label})", "/admin/customers?q=mary.smith", () => raw.StartingWithAsync("mary.smith"));
        await CompareAsync($"List, filter by last name \"Garcia\" ({label})", "/admin/customers?q=Garcia", () => raw.StartingWithAsync("Garcia"));
    }

    /// <returns>The page's median time.</returns>
    private async Task<double> CompareAsync(string what, string url, Func<Task<List<RawRow>>> rawQuery)
    {
        // Same rows or no comparison: every email the raw query returns must be on the page.
        var html = WebUtility.HtmlDecode(await admin.PageAsync(url));
        var rows = await rawQuery();
        var missing = rows.Take(50).Where(row => row.Email is not null && !html.Contains(row.Email, StringComparison.Ordinal)).ToList();
        if (missing.Count > 0 || rows.Count == 0)
        {
            throw new InvalidOperationException($"{what}: the page and the raw query disagree ({missing.Count} of {rows.Count} rows missing, e.g. {missing.FirstOrDefault()?.Email}).");
        }

        var (page, query) = await Measure.MediansAsync(() => admin.PageAsync(url), rawQuery, options.Repetitions);
        table.Add(new BenchResult(what, ResultTable.Ms(page), ResultTable.Ms(query) + " raw SQL", page / query, "≤ 2×", page / query <= 2));
        return page;
    }

    private static string? NextUrl(string page) =>
        NextLink().Match(page) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;

    [GeneratedRegex("<a href=\"([^\"]+)\" class=\"button\" rel=\"next\"")]
    private static partial Regex NextLink();
}
