namespace Commerce.Customers.Models;

/// <summary>
/// A shop's customer. A customer may exist without a login (not registered);
/// <see cref="UserId"/> links it to its ASP.NET Core Identity user once registered.
/// </summary>
public sealed class Customer : IHasConcurrencyStamp
{
    public const int CompanyMaxLength = 200;
    public const int NameMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int PhoneMaxLength = 50;
    public const int CultureMaxLength = 16;

    private string? _company;
    private string? _firstName;
    private string? _lastName;
    private string? _email;

    public int Id { get; set; }

    public string? Company
    {
        get => _company;
        set { _company = Clean(value); NormalizedCompany = Normalize(_company); }
    }

    public string? FirstName
    {
        get => _firstName;
        set { _firstName = Clean(value); NormalizedFirstName = Normalize(_firstName); }
    }

    public string? LastName
    {
        get => _lastName;
        set { _lastName = Clean(value); NormalizedLastName = Normalize(_lastName); }
    }

    public string? Email
    {
        get => _email;
        set { _email = Clean(value); NormalizedEmail = Normalize(_email); }
    }

    public string? Phone { get; set; }

    /// <summary>The language the customer's emails are written in (a supported culture name); null means the site's.</summary>
    public string? Culture { get; set; }

    // Upper-cased copies that the list sorts and prefix-filters on, so the database
    // can answer from an index whatever its collation (SQLite compares bytes).
    // Empty rather than null, because SQLite sorts nulls first and PostgreSQL last,
    // and keyset paging needs one order on both.
    public string NormalizedCompany { get; private set; } = "";
    public string NormalizedFirstName { get; private set; } = "";
    public string NormalizedLastName { get; private set; } = "";
    public string NormalizedEmail { get; private set; } = "";

    public DateTime CreatedUtc { get; set; }

    /// <summary>The Identity user id of the customer's login; null means not registered.</summary>
    public string? UserId { get; set; }

    public bool IsRegistered => UserId is not null;

    /// <summary>Changes on every save, so two admins editing at once cannot overwrite each other.</summary>
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    public string DisplayName =>
        string.Join(' ', new[] { FirstName, LastName }.Where(part => !string.IsNullOrEmpty(part))) is { Length: > 0 } name
            ? name
            : Company ?? Email ?? $"#{Id}";

    /// <summary>
    /// Fills in what a customer typed (at registration or checkout) without erasing what the shop
    /// already knew: a blank field keeps the stored value.
    /// </summary>
    public void CompleteWith(string? firstName, string? lastName, string? company, string? phone)
    {
        FirstName = string.IsNullOrWhiteSpace(firstName) ? FirstName : firstName;
        LastName = string.IsNullOrWhiteSpace(lastName) ? LastName : lastName;
        Company = string.IsNullOrWhiteSpace(company) ? Company : company;
        Phone = string.IsNullOrWhiteSpace(phone) ? Phone : phone.Trim();
    }

    public static string Normalize(string? value) => value?.Trim().ToUpperInvariant() ?? "";

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
