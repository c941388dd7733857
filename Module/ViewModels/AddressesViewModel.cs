using Commerce.Customers.Models;

namespace Commerce.Customers.ViewModels;

/// <summary>What the Addresses tab posts: add, save an edit, delete, or make a default.</summary>
public sealed class AddressForm
{
    /// <summary>"save" or "delete".</summary>
    public string? Action { get; set; }
    public int? AddressId { get; set; }
    public string? Name { get; set; }
    public string? Recipient { get; set; }
    public string? Line1 { get; set; }
    public string? Line2 { get; set; }
    public string? City { get; set; }
    public string? PostalCode { get; set; }
    public string? Country { get; set; }
    public bool IsDefaultShipping { get; set; }
    public bool IsDefaultBilling { get; set; }
}

public sealed class AddressesViewModel
{
    public IReadOnlyList<CustomerAddress> Addresses { get; init; } = [];

    /// <summary>The form: empty to add an address, filled to edit one.</summary>
    public AddressForm Form { get; init; } = new();
}

/// <summary>What the Roles tab posts: the names of the roles to hold.</summary>
public sealed class RolesForm
{
    public List<string> Roles { get; set; } = [];
}

public sealed record RoleOption(string Name, bool Assigned, bool MayChange);
