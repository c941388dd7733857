using System.Globalization;

namespace Commerce.Customers.Models;

/// <summary>A customer's postal address. Checkout pre-fills the default shipping one.</summary>
public sealed class CustomerAddress
{
    public const int NameMaxLength = 100;
    public const int LineMaxLength = 200;
    public const int CityMaxLength = 100;
    public const int PostalCodeMaxLength = 20;
    public const int CountryMaxLength = 2;

    public int Id { get; set; }
    public int CustomerId { get; set; }

    /// <summary>What the customer calls it, such as "Home" or "Office".</summary>
    public string Name { get; set; } = "";

    public string? Recipient { get; set; }
    public string Line1 { get; set; } = "";
    public string? Line2 { get; set; }
    public string City { get; set; } = "";
    public string PostalCode { get; set; } = "";

    /// <summary>ISO 3166-1 alpha-2 country code, such as "US".</summary>
    public string Country { get; set; } = "";

    public bool IsDefaultShipping { get; set; }
    public bool IsDefaultBilling { get; set; }

    /// <summary>
    /// The address as the post of its country expects it, one line each, the country named last in
    /// <paramref name="language"/> (default: the reader's, <see cref="CultureInfo.CurrentUICulture"/>).
    /// </summary>
    public string ToMultiline(CultureInfo? language = null)
    {
        var country = Country.Trim().ToUpperInvariant();
        var lines = new List<string?> { Recipient, Line1, Line2 };
        switch (country)
        {
            // City, state and ZIP on one line, ZIP last: "Philadelphia, PA 19107".
            case "US" or "CA" or "AU":
                lines.Add($"{City} {PostalCode}");
                break;

            // The post town in capitals, the postcode on a line of its own.
            case "GB":
                lines.Add(City.ToUpperInvariant());
                lines.Add(PostalCode);
                break;

            // Germany, Austria, Switzerland and most of the world: "10117 Berlin".
            default:
                lines.Add($"{PostalCode} {City}");
                break;
        }

        lines.Add(CountryName(country, language ?? CultureInfo.CurrentUICulture));
        return string.Join('\n', lines.Where(line => !string.IsNullOrWhiteSpace(line)).Select(line => line!.Trim()));
    }

    /// <summary>The country's name in <paramref name="language"/>, such as "United States" or "Vereinigte Staaten"; an unknown code as it is.</summary>
    public static string CountryName(string code, CultureInfo language)
    {
        if (code is not { Length: 2 } || !code.All(char.IsAsciiLetter))
        {
            return code;
        }

        try
        {
            if (!string.Equals(new RegionInfo(code).TwoLetterISORegionName, code, StringComparison.OrdinalIgnoreCase))
            {
                return code;
            }

            // A region of the reader's language names itself in that language: "de-US" is "Vereinigte Staaten".
            var languageName = string.IsNullOrEmpty(language.Name) ? "en" : language.TwoLetterISOLanguageName;
            return new RegionInfo($"{languageName}-{code}").NativeName;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }
}
