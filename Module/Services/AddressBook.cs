using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.ViewModels;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Services;

/// <summary>
/// A customer's named addresses as the admin's Addresses tab and My account change them: the same
/// rules, the same messages, and one default of each kind.
/// </summary>
public sealed class AddressBook(CustomersDbContext db, AddressValidator validator, IStringLocalizer<AddressBook> S)
{
    /// <summary>The form's problems, by field (unprefixed, as the forms name their inputs).</summary>
    public IEnumerable<FieldError> Validate(AddressForm form)
    {
        if (string.IsNullOrWhiteSpace(form.Name))
        {
            yield return new(nameof(AddressForm.Name), S["Name the address, such as Home or Office."]);
        }
        else if (form.Name.Trim().Length > CustomerAddress.NameMaxLength || form.Name.Any(char.IsControl))
        {
            yield return new(nameof(AddressForm.Name), S["Use at most {0} characters, without line breaks.", CustomerAddress.NameMaxLength]);
        }

        foreach (var error in validator.Validate(new AddressFields(form.Recipient, form.Line1, form.Line2, form.City, form.PostalCode, form.Country), ""))
        {
            yield return error;
        }
    }

    /// <summary>
    /// Writes a valid form into <paramref name="address"/>, or into a new address of the customer when null,
    /// and takes a default it claims away from the others. <paramref name="addresses"/> are the customer's, tracked.
    /// </summary>
    public CustomerAddress Save(ICollection<CustomerAddress> addresses, int customerId, CustomerAddress? address, AddressForm form)
    {
        if (address is null)
        {
            address = new CustomerAddress { CustomerId = customerId };
            db.CustomerAddresses.Add(address);
            addresses.Add(address);
        }

        Apply(form, address);
        foreach (var other in addresses.Where(other => !ReferenceEquals(other, address)))
        {
            other.IsDefaultShipping &= !address.IsDefaultShipping;
            other.IsDefaultBilling &= !address.IsDefaultBilling;
        }

        return address;
    }

    /// <summary>Removes the address from the list; a customer with addresses always keeps a default of each kind.</summary>
    public void Delete(List<CustomerAddress> addresses, CustomerAddress address)
    {
        db.CustomerAddresses.Remove(address);
        addresses.Remove(address);
        if (address.IsDefaultShipping && addresses.Count > 0)
        {
            addresses[0].IsDefaultShipping = true;
        }

        if (address.IsDefaultBilling && addresses.Count > 0)
        {
            addresses[0].IsDefaultBilling = true;
        }
    }

    /// <summary>Makes the address the one checkout fills in, and no other.</summary>
    public static void MakeDefaultShipping(IEnumerable<CustomerAddress> addresses, CustomerAddress address)
    {
        foreach (var other in addresses)
        {
            other.IsDefaultShipping = ReferenceEquals(other, address);
        }
    }

    public string Saved(CustomerAddress address) => S["The address {0} was saved.", address.Name];

    public string Deleted(CustomerAddress address) => S["The address {0} was deleted.", address.Name];

    public static AddressForm FormOf(CustomerAddress address) => new()
    {
        AddressId = address.Id,
        Name = address.Name,
        Recipient = address.Recipient,
        Line1 = address.Line1,
        Line2 = address.Line2,
        City = address.City,
        PostalCode = address.PostalCode,
        Country = address.Country,
        IsDefaultShipping = address.IsDefaultShipping,
        IsDefaultBilling = address.IsDefaultBilling,
    };

    private static void Apply(AddressForm form, CustomerAddress address)
    {
        address.Name = form.Name!.Trim();
        address.Recipient = string.IsNullOrWhiteSpace(form.Recipient) ? null : form.Recipient.Trim();
        address.Line1 = form.Line1!.Trim();
        address.Line2 = string.IsNullOrWhiteSpace(form.Line2) ? null : form.Line2.Trim();
        address.City = form.City!.Trim();
        address.PostalCode = form.PostalCode!.Trim();
        address.Country = form.Country!.Trim().ToUpperInvariant();
        address.IsDefaultShipping = form.IsDefaultShipping;
        address.IsDefaultBilling = form.IsDefaultBilling;
    }
}
