using System.Globalization;
using System.Text.RegularExpressions;

namespace Commerce.Customers.Localization;

/// <summary>The languages the module ships complete. A culture outside this list is never chosen.</summary>
public static partial class SupportedCultures
{
    public const string English = "en";
    public const string German = "de";

    public static readonly IReadOnlyList<CultureInfo> All = [new(English), new(German)];

    public static IEnumerable<string> Names => All.Select(culture => culture.Name);

    /// <summary>The supported culture a name belongs to ("de-AT" is German), or null.</summary>
    public static string? Match(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var language = name.Trim().Split('-', '_')[0];
        return All.FirstOrDefault(culture => string.Equals(culture.Name, language, StringComparison.OrdinalIgnoreCase))?.Name;
    }

    /// <summary>
    /// Reads a language as a person or a spreadsheet writes it: "de", "DE", "de-AT" and "de_AT" are
    /// German; empty means none (<paramref name="culture"/> null, the site's). False for anything
    /// else: a language the module does not ship ("fr"), or text that is no language name at all.
    /// </summary>
    public static bool TryParse(string? text, out string? culture)
    {
        culture = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        culture = LanguageTag().IsMatch(text.Trim()) ? Match(text) : null;
        return culture is not null;
    }

    // A language and optional subtags (region, script) as BCP 47 spells them, with - or _ between.
    [GeneratedRegex("^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();

    /// <summary>The language's name in itself ("Deutsch"), as a language menu shows it.</summary>
    public static string NativeName(string name)
    {
        var native = CultureInfo.GetCultureInfo(name).NativeName;
        return char.ToUpper(native[0], CultureInfo.GetCultureInfo(name)) + native[1..];
    }
}
