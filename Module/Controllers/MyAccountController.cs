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

/// <summary>My account: the signed-in customer's profile and past orders.</summary>
[Route("account")]
[Authorize]
public sealed class MyAccountController(
    CustomersDbContext db,
    ICustomerOrders orders,
    CustomerValidator validator,
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
            Addresses = await db.CustomerAddresses.AsNoTracking().Where(a => a.CustomerId == customer.Id)
                .OrderByDescending(a => a.IsDefaultShipping).ThenBy(a => a.Name).ToListAsync(cancellationToken),
        };

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
