using System.Collections.Frozen;
using System.Globalization;

namespace Commerce.Customers.Localization;

/// <summary>
/// Amounts as the viewer's culture writes numbers, followed by the ISO currency code: "1,234.50 USD"
/// in English, "1.234,50 USD" in German. The code, not a symbol, because "$" is also the Canadian
/// and Australian dollar, and a shop may hold credit in several currencies.
/// </summary>
public static class Money
{
    // The number of decimals each currency is written with, from the cultures whose currency it is (JPY 0, BHD 3).
    private static readonly FrozenDictionary<string, int> Decimals = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(culture => TryRegion(culture))
        .Where(pair => pair is not null)
        .GroupBy(pair => pair!.Value.Code, StringComparer.Ordinal)
        .ToFrozenDictionary(group => group.Key, group => group.First()!.Value.Digits, StringComparer.Ordinal);

    public static string Format(decimal amount, string currency, CultureInfo? culture = null) =>
        $"{amount.ToString("N" + DecimalsOf(currency), culture ?? CultureInfo.CurrentCulture)} {currency}";

    /// <summary>With a sign always, for ledger entries: "+25.00 USD", "−10.00 USD".</summary>
    public static string FormatSigned(decimal amount, string currency, CultureInfo? culture = null)
    {
        var formatted = Format(Math.Abs(amount), currency, culture);
        return amount < 0 ? "\u2212" + formatted : "+" + formatted;
    }

    /// <summary>The amount alone, for an input's value (invariant, as HTML number inputs expect).</summary>
    public static string InputValue(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static int DecimalsOf(string currency) => Decimals.TryGetValue(currency, out var digits) ? digits : 2;

    private static (string Code, int Digits)? TryRegion(CultureInfo culture)
    {
        try
        {
            var region = new RegionInfo(culture.Name);
            return (region.ISOCurrencySymbol, culture.NumberFormat.CurrencyDecimalDigits);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
