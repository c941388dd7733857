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

    public string ToMultiline(System.Globalization.CultureInfo? language = null) =>
        string.Join('\n', new[] { Recipient, Line1, Line2, $"{PostalCode} {City}".Trim(), Country }.Where(line => !string.IsNullOrWhiteSpace(line)));
}
