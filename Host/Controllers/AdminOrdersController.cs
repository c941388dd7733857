using System.Security.Claims;
using Commerce.Customers.Accounts;
using Commerce.Customers.Checkout;
using Commerce.Customers.Controllers;
using Commerce.Customers.Data;
using Commerce.Customers.Host.Localization;
using Commerce.Customers.Host.Shop;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Host.Controllers;

/// <summary>
/// An admin creates an order for an existing customer (say, one received by email), and may
/// register the customer in the same transaction, exactly as Create login would.
/// </summary>
[Route("admin/orders")]
[Authorize(Policy = nameof(Permissions.ManageCustomers))]
public sealed class AdminOrdersController(
    CustomersDbContext customers,
    ICustomerCheckout checkout,
    IAuthorizationService authorization,
    TimeProvider clock,
    IStringLocalizer<ShopText> S) : Controller
{
    [HttpGet("new")]
    public async Task<IActionResult> New(int customerId, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(customerId, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("new")]
    [ActionName(nameof(New))]
    public async Task<IActionResult> NewPost(int customerId, [FromForm] Dictionary<int, int>? quantities, [FromForm] bool registerCustomer, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(customerId, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        // The binder leaves the dictionary null when the form has no quantities at all, and drops unreadable ones.
        model.Quantities = (quantities ?? []).Where(q => q.Value is > 0 and <= 999).ToDictionary();
        model.RegisterCustomer = registerCustomer;
        var lines = model.Products.Where(p => model.Quantities.ContainsKey(p.Id)).Select(p => (p, model.Quantities[p.Id])).ToList();
        if (lines.Count == 0)
        {
            ModelState.AddModelError("", S["Enter a quantity for at least one product."]);
            return View(model);
        }

        if (OrderPlacement.MixedCurrencyProblem(lines.Select(line => line.p), S) is { } mixed)
        {
            ModelState.AddModelError("", mixed);
            return View(model);
        }

        if (registerCustomer && !model.CanRegister)
        {
            return Forbid();
        }

        await using var transaction = await customers.Database.BeginTransactionAsync(cancellationToken);
        string? registered = null;
        if (registerCustomer && !model.CustomerIsRegistered)
        {
            var admin = new LoginActor(User.FindFirstValue(ClaimTypes.NameIdentifier), User.Identity?.Name ?? "admin");
            var result = await checkout.RegisterForAdminOrderAsync(customerId, admin, cancellationToken);
            if (!result.Succeeded)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                foreach (var error in result.Errors)
                {
                    ModelState.AddModelError("", error.Message);
                }

                return View(model);
            }

            registered = result.Message;
        }

        var customer = await customers.Customers.AsNoTracking().SingleAsync(c => c.Id == customerId, cancellationToken);
        var address = await customers.CustomerAddresses.AsNoTracking().Where(a => a.CustomerId == customerId && a.IsDefaultShipping).FirstOrDefaultAsync(cancellationToken);
        await using var shop = ShopDbContext.On(customers);
        var order = OrderPlacement.Create(customerId, customer.Email ?? "", lines, OrderPlacement.Format(address), User.Identity?.Name, clock.GetUtcNow().UtcDateTime);
        shop.Orders.Add(order);
        await shop.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        TempData.Success(registered is null ? S["Order {0} was created.", order.Number] : S["Order {0} was created. {1}", order.Number, registered]);
        return Redirect($"/admin/customers/{customerId}/orders");
    }

    private async Task<NewOrderViewModel?> ModelAsync(int customerId, CancellationToken cancellationToken)
    {
        var customer = await customers.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        await using var shop = ShopDbContext.On(customers);
        return new NewOrderViewModel
        {
            CustomerId = customer.Id,
            CustomerName = $"{customer.DisplayName} ({customer.Email})",
            CustomerIsRegistered = customer.IsRegistered,
            CanRegister = (await authorization.AuthorizeAsync(User, Permissions.ManageCustomerLogins.Name)).Succeeded,
            Products = await shop.Products.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken),
        };
    }
}
