using System.Security.Claims;
using Commerce.Customers.Data;
using Commerce.Customers.Orders;
using Commerce.Customers.Services;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Controllers;

/// <summary>
/// My account: the signed-in customer's profile, addresses and past orders. Everything is looked up
/// through the customer record linked to the signed-in login, so an id of anyone else's is not found.
/// </summary>
[Route("account")]
[Authorize]
public sealed class MyAccountController(
    CustomersDbContext db,
    ICustomerOrders orders,
    CustomerValidator validator,
    AddressBook addressBook,
    IStringLocalizer<MyAccountController> S) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var customer = await CurrentCustomerAsync(tracked: false, cancellationToken);
        return customer is null
            ? View(new MyAccountViewModel { Email = User.Identity?.Name, IsCustomer = false })
            : View(await ModelForAsync(customer, cancellationToken));
    }

    private async Task<MyAccountViewModel> ModelForAsync(Models.Customer customer, CancellationToken cancellationToken) =>
        new()
        {
            IsCustomer = true,
            Email = customer.Email,
            FirstName = customer.FirstName,
            LastName = customer.LastName,
            Company = customer.Company,
            Phone = customer.Phone,
            Orders = await orders.ListAsync(customer.Id, cancellationToken),
            Addresses = await AddressesAsync(customer.Id, cancellationToken),
            ConcurrencyStamp = customer.ConcurrencyStamp,
        };

    private Task<List<Models.CustomerAddress>> AddressesAsync(int customerId, CancellationToken cancellationToken) =>
        db.CustomerAddresses.AsNoTracking().Where(a => a.CustomerId == customerId)
            .OrderByDescending(a => a.IsDefaultShipping).ThenBy(a => a.Name).ToListAsync(cancellationToken);

    [HttpPost("profile")]
    public async Task<IActionResult> Profile(MyAccountViewModel posted, CancellationToken cancellationToken)
    {
        var customer = await CurrentCustomerAsync(tracked: true, cancellationToken);
        if (customer is null)
        {
            return NotFound();
        }

        // The email is the user name; it is not changed here.
        foreach (var error in validator.Validate(new CustomerFields(posted.Company, posted.FirstName, posted.LastName, customer.Email, posted.Phone)))
        {
            ModelState.AddModelError(error.Field, error.Message);
        }

        if (!ModelState.IsValid)
        {
            posted.IsCustomer = true;
            posted.Email = customer.Email;
            posted.Orders = await orders.ListAsync(customer.Id, cancellationToken);
            posted.Addresses = await AddressesAsync(customer.Id, cancellationToken);
            posted.ConcurrencyStamp = customer.ConcurrencyStamp;
            return View(nameof(Index), posted);
        }

        customer.FirstName = posted.FirstName;
        customer.LastName = posted.LastName;
        customer.Company = posted.Company;
        customer.Phone = string.IsNullOrWhiteSpace(posted.Phone) ? null : posted.Phone.Trim();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Saved meanwhile, usually by the same customer in another tab: show what is saved now.
            db.ChangeTracker.Clear();
            ModelState.Clear();
            ModelState.AddModelError("", S["Your details were changed meanwhile, perhaps in another tab, so these were not saved. The form now shows the saved details."]);
            var current = await CurrentCustomerAsync(tracked: false, cancellationToken);
            return current is null ? NotFound() : View(nameof(Index), await ModelForAsync(current, cancellationToken));
        }

        TempData.Success(S["Your details were saved."]);
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("addresses/new")]
    public async Task<IActionResult> NewAddress(CancellationToken cancellationToken)
    {
        var customer = await CurrentCustomerAsync(tracked: false, cancellationToken);
        if (customer is null)
        {
            // As My account itself: this login is not a customer's, and there is nothing to fill in.
            return View(nameof(Index), new MyAccountViewModel { Email = User.Identity?.Name, IsCustomer = false });
        }

        var first = !await db.CustomerAddresses.AnyAsync(a => a.CustomerId == customer.Id, cancellationToken);
        return View("Address", new MyAccountAddressViewModel { Form = new AddressForm { IsDefaultShipping = first }, ConcurrencyStamp = customer.ConcurrencyStamp });
    }

    [HttpPost("addresses")]
    public Task<IActionResult> AddAddress([FromForm] AddressForm posted, [FromForm] string? concurrencyStamp, CancellationToken cancellationToken) =>
        SaveAddressAsync(null, posted, concurrencyStamp, cancellationToken);

    [HttpGet("addresses/{id:int}")]
    public async Task<IActionResult> EditAddress(int id, CancellationToken cancellationToken)
    {
        var customer = await CurrentCustomerAsync(tracked: false, cancellationToken);
        var address = customer is null ? null : await db.CustomerAddresses.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.CustomerId == customer.Id, cancellationToken);
        return address is null
            ? NotFound()
            : View("Address", new MyAccountAddressViewModel { Form = AddressBook.FormOf(address), ConcurrencyStamp = customer!.ConcurrencyStamp, IsDefaultShipping = address.IsDefaultShipping });
    }

    [HttpPost("addresses/{id:int}")]
    public Task<IActionResult> UpdateAddress(int id, [FromForm] AddressForm posted, [FromForm] string? concurrencyStamp, CancellationToken cancellationToken) =>
        SaveAddressAsync(id, posted, concurrencyStamp, cancellationToken);

    [HttpPost("addresses/{id:int}/delete")]
    public async Task<IActionResult> DeleteAddress(int id, [FromForm] string? concurrencyStamp, CancellationToken cancellationToken)
    {
        var (customer, addresses, address) = await OwnAddressesAsync(id, cancellationToken);
        if (customer is null || address is null)
        {
            return NotFound();
        }

        addressBook.Delete(addresses, address);
        return await SaveAndReturnAsync(customer, concurrencyStamp, addressBook.Deleted(address), cancellationToken);
    }

    [HttpPost("addresses/{id:int}/default")]
    public async Task<IActionResult> DefaultAddress(int id, [FromForm] string? concurrencyStamp, CancellationToken cancellationToken)
    {
        var (customer, addresses, address) = await OwnAddressesAsync(id, cancellationToken);
        if (customer is null || address is null)
        {
            return NotFound();
        }

        AddressBook.MakeDefaultShipping(addresses, address);
        return await SaveAndReturnAsync(customer, concurrencyStamp, S["The address {0} is now your default for shipping.", address.Name], cancellationToken);
    }

    /// <summary>Adds (<paramref name="id"/> null) or saves one of the customer's own addresses, by the admin's rules.</summary>
    private async Task<IActionResult> SaveAddressAsync(int? id, AddressForm posted, string? concurrencyStamp, CancellationToken cancellationToken)
    {
        var (customer, addresses, address) = await OwnAddressesAsync(id, cancellationToken);
        if (customer is null || (id is not null && address is null))
        {
            return NotFound();
        }

        // The address is the route's, never one named in the form.
        posted.AddressId = id;
        posted.Action = null;
        // Billing stays as it was (a new address becomes it only if there is none); only another address can take the shipping default away.
        posted.IsDefaultBilling = address?.IsDefaultBilling ?? !addresses.Any(a => a.IsDefaultBilling);
        posted.IsDefaultShipping |= address?.IsDefaultShipping ?? !addresses.Any(a => a.IsDefaultShipping);

        ModelState.Clear();
        foreach (var error in addressBook.Validate(posted))
        {
            ModelState.AddModelError(error.Field, error.Message);
        }

        if (!ModelState.IsValid)
        {
            return View("Address", new MyAccountAddressViewModel { Form = posted, ConcurrencyStamp = concurrencyStamp ?? customer.ConcurrencyStamp, IsDefaultShipping = address?.IsDefaultShipping ?? false });
        }

        address = addressBook.Save(addresses, customer.Id, address, posted);
        return await SaveAndReturnAsync(customer, concurrencyStamp, addressBook.Saved(address), cancellationToken, id);
    }

    /// <summary>
    /// Saves the address changes together with a new stamp on the customer: a form made before another
    /// change to the record (another tab, the shop's staff) saves nothing and shows what is saved now.
    /// </summary>
    private async Task<IActionResult> SaveAndReturnAsync(Models.Customer customer, string? concurrencyStamp, string success, CancellationToken cancellationToken, int? editedId = null)
    {
        var stamp = db.Entry(customer).Property(c => c.ConcurrencyStamp);
        if (!string.IsNullOrEmpty(concurrencyStamp))
        {
            stamp.OriginalValue = concurrencyStamp;
        }

        stamp.IsModified = true;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var message = S["Your addresses were changed meanwhile, perhaps in another tab, so this change was not saved. The page now shows what is saved."];
            var current = await CurrentCustomerAsync(tracked: false, cancellationToken);
            if (current is null)
            {
                return NotFound();
            }

            ModelState.Clear();
            ModelState.AddModelError("", message);
            if (editedId is { } id)
            {
                var saved = await db.CustomerAddresses.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.CustomerId == current.Id, cancellationToken);
                if (saved is not null)
                {
                    return View("Address", new MyAccountAddressViewModel { Form = AddressBook.FormOf(saved), ConcurrencyStamp = current.ConcurrencyStamp, IsDefaultShipping = saved.IsDefaultShipping });
                }
            }

            return View(nameof(Index), await ModelForAsync(current, cancellationToken));
        }

        TempData.Success(success);
        return RedirectToAction(nameof(Index), null, null, "addresses");
    }

    /// <summary>The signed-in customer (tracked), their addresses (tracked) and the one with <paramref name="id"/> among them.</summary>
    private async Task<(Models.Customer? Customer, List<Models.CustomerAddress> Addresses, Models.CustomerAddress? Address)> OwnAddressesAsync(int? id, CancellationToken cancellationToken)
    {
        var customer = await CurrentCustomerAsync(tracked: true, cancellationToken);
        if (customer is null)
        {
            return (null, [], null);
        }

        var addresses = await db.CustomerAddresses.Where(a => a.CustomerId == customer.Id)
            .OrderByDescending(a => a.IsDefaultShipping).ThenBy(a => a.Name).ToListAsync(cancellationToken);
        return (customer, addresses, id is null ? null : addresses.FirstOrDefault(a => a.Id == id));
    }

    [HttpGet("orders/{orderId}")]
    public async Task<IActionResult> Order(string orderId, CancellationToken cancellationToken)
    {
        var customer = await CurrentCustomerAsync(tracked: false, cancellationToken);
        var order = customer is null ? null : await orders.GetAsync(customer.Id, orderId, cancellationToken);
        return order is null ? NotFound() : View(order);
    }

    private Task<Models.Customer?> CurrentCustomerAsync(bool tracked, CancellationToken cancellationToken)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var customers = tracked ? db.Customers : db.Customers.AsNoTracking();
        return customers.FirstOrDefaultAsync(customer => customer.UserId == userId, cancellationToken);
    }
}
