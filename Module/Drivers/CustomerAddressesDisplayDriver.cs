using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Services;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Drivers;

/// <summary>The Addresses tab: named addresses with billing and shipping defaults. Checkout pre-fills the default shipping one.</summary>
public sealed class CustomerAddressesDisplayDriver(
    CustomersDbContext db,
    AddressValidator validator,
    IHttpContextAccessor httpContextAccessor,
    IStringLocalizer<CustomerAddressesDisplayDriver> S) : CustomerDisplayDriver
{
    public override string TabName => "Addresses";
    public override int Position => 10;

    public override async Task<EditorShape> EditAsync(Customer customer, BuildEditorContext context)
    {
        var addresses = await AddressesAsync(customer.Id);
        // "?edit=ID" opens an address in the form; otherwise the form adds a new one.
        var editId = int.TryParse(httpContextAccessor.HttpContext?.Request.Query["edit"], out var id) ? id : (int?)null;
        var editing = addresses.FirstOrDefault(address => address.Id == editId);
        return Shape(addresses, editing is null ? new AddressForm { IsDefaultShipping = addresses.Count == 0, IsDefaultBilling = addresses.Count == 0 } : FormOf(editing));
    }

    public override async Task<EditorShape?> UpdateAsync(Customer customer, UpdateEditorContext context)
    {
        var form = new AddressForm();
        await context.Updater.TryUpdateModelAsync(form, "");
        var addresses = await db.CustomerAddresses.Where(a => a.CustomerId == customer.Id).OrderBy(a => a.Name).ToListAsync();
        var address = form.AddressId is { } id ? addresses.FirstOrDefault(a => a.Id == id) : null;
        if (form.AddressId is not null && address is null)
        {
            context.Updater.ModelState.AddModelError("", S["The address no longer exists."]);
            return Shape(addresses, new AddressForm());
        }

        if (form.Action == "delete" && address is not null)
        {
            db.CustomerAddresses.Remove(address);
            addresses.Remove(address);
            // A customer with addresses always keeps a default of each kind.
            if (address.IsDefaultShipping && addresses.Count > 0)
            {
                addresses[0].IsDefaultShipping = true;
            }

            if (address.IsDefaultBilling && addresses.Count > 0)
            {
                addresses[0].IsDefaultBilling = true;
            }

            context.SuccessMessage = S["The address {0} was deleted.", address.Name];
            return Shape(addresses, new AddressForm());
        }

        foreach (var error in Validate(form))
        {
            context.Updater.ModelState.AddModelError(error.Field, error.Message);
        }

        if (!context.Updater.ModelState.IsValid)
        {
            return Shape(addresses, form);
        }

        if (address is null)
        {
            address = new CustomerAddress { CustomerId = customer.Id };
            db.CustomerAddresses.Add(address);
            addresses.Add(address);
        }

        Apply(form, address);
        foreach (var other in addresses.Where(other => !ReferenceEquals(other, address)))
        {
            other.IsDefaultShipping &= !address.IsDefaultShipping;
            other.IsDefaultBilling &= !address.IsDefaultBilling;
        }

        context.SuccessMessage = S["The address {0} was saved.", address.Name];
        return Shape(addresses, form);
    }

    private IEnumerable<FieldError> Validate(AddressForm form)
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

    private static AddressForm FormOf(CustomerAddress address) => new()
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

    private Task<List<CustomerAddress>> AddressesAsync(int customerId) =>
        db.CustomerAddresses.AsNoTracking().Where(a => a.CustomerId == customerId).OrderBy(a => a.Name).ToListAsync();

    private static EditorShape Shape(IReadOnlyList<CustomerAddress> addresses, AddressForm form) =>
        new("CustomerAddresses_Edit", new AddressesViewModel { Addresses = addresses, Form = form });
}
