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
    AddressBook book,
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
        return Shape(addresses, editing is null ? new AddressForm { IsDefaultShipping = addresses.Count == 0, IsDefaultBilling = addresses.Count == 0 } : AddressBook.FormOf(editing));
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
            book.Delete(addresses, address);
            context.SuccessMessage = book.Deleted(address);
            return Shape(addresses, new AddressForm());
        }

        foreach (var error in book.Validate(form))
        {
            context.Updater.ModelState.AddModelError(error.Field, error.Message);
        }

        if (!context.Updater.ModelState.IsValid)
        {
            return Shape(addresses, form);
        }

        address = book.Save(addresses, customer.Id, address, form);
        context.SuccessMessage = book.Saved(address);
        return Shape(addresses, form);
    }

    private Task<List<CustomerAddress>> AddressesAsync(int customerId) =>
        db.CustomerAddresses.AsNoTracking().Where(a => a.CustomerId == customerId).OrderBy(a => a.Name).ToListAsync();

    private static EditorShape Shape(IReadOnlyList<CustomerAddress> addresses, AddressForm form) =>
        new("CustomerAddresses_Edit", new AddressesViewModel { Addresses = addresses, Form = form });
}
