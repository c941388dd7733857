using System.Net;
using System.Text.RegularExpressions;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>Small readers of the admin's HTML, enough to assert on rows and messages.</summary>
public static partial class Html
{
    /// <summary>The customers table's rows, each as its decoded cell texts (Actions cell first; the bulk selection box is left out).</summary>
    public static IReadOnlyList<string[]> CustomerRows(string page)
    {
        var body = TableBody().Match(page);
        if (!body.Success)
        {
            return [];
        }

        return RowPattern().Matches(body.Groups[1].Value)
            .Where(row => row.Value.Contains("data-customer-id", StringComparison.Ordinal))
            .Select(row => CellPattern().Matches(row.Value)
                .Where(cell => !cell.Value.StartsWith("<td class=\"select\"", StringComparison.Ordinal))
                .Select(cell => Text(cell.Groups[1].Value)).ToArray())
            .ToList();
    }

    /// <summary>The emails in list order (column 5).</summary>
    public static IReadOnlyList<string> Emails(string page) => CustomerRows(page).Select(row => row[4]).ToList();

    public static string? Link(string page, string rel)
    {
        var match = Regex.Match(page, $"<a href=\"([^\"]+)\" class=\"button\" rel=\"{rel}\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    /// <summary>The error shown next to a field (asp-validation-for).</summary>
    public static string FieldError(string page, string field)
    {
        var match = Regex.Match(page, $"data-valmsg-for=\"{Regex.Escape(field)}\" data-valmsg-replace=\"true\">(.*?)</span>", RegexOptions.Singleline);
        return match.Success ? Text(match.Groups[1].Value) : "";
    }

    /// <summary>A redirect's path, whether the site answered with an absolute or a relative Location.</summary>
    public static string RedirectPath(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"{(int)response.StatusCode} has no Location.");
        return (location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location)).AbsolutePath;
    }

    /// <summary>A redirect's path and query.</summary>
    public static string RedirectPathAndQuery(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"{(int)response.StatusCode} has no Location.");
        return (location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location)).PathAndQuery;
    }

    /// <summary>The text of each body row's cells of the table with this id.</summary>
    public static IReadOnlyList<string[]> TableRows(string page, string tableId)
    {
        var table = Regex.Match(page, $"<table[^>]*id=\"{Regex.Escape(tableId)}\".*?</table>", RegexOptions.Singleline);
        var body = TableBody().Match(table.Value);
        return !body.Success ? [] : RowPattern().Matches(body.Groups[1].Value)
            .Select(row => CellPattern().Matches(row.Value).Select(cell => Text(cell.Groups[1].Value)).ToArray())
            .ToList();
    }

    public static string Text(string html) => WebUtility.HtmlDecode(TagPattern().Replace(html, "")).Trim();

    [GeneratedRegex("<tbody>(.*?)</tbody>", RegexOptions.Singleline)]
    private static partial Regex TableBody();

    [GeneratedRegex("<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<td[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}
