using System.Globalization;

namespace Commerce.Customers.Localization;

/// <summary>The languages the module ships complete. A culture outside this list is never chosen.</summary>
public static class SupportedCultures
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

    /// <summary>The language's name in itself ("Deutsch"), as a language menu shows it.</summary>
    public static string NativeName(string name)
    {
        var native = CultureInfo.GetCultureInfo(name).NativeName;
        return char.ToUpper(native[0], CultureInfo.GetCultureInfo(name)) + native[1..];
    }
}
