using Commerce.Customers.Accounts;
using Commerce.Customers.Checkout;
using Commerce.Customers.Controllers;
using Commerce.Customers.Data;
using Commerce.Customers.Host.Shop;
using Commerce.Customers.Models;
using Commerce.Customers.Security;
using Commerce.Customers.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Host.Controllers;

/// <summary>The demo shop: products, a cart, and a checkout that registers customers through the module's contract.</summary>
[Route("shop")]
[AllowAnonymous]
public sealed class ShopController(
    CustomersDbContext customers,
    ICustomerCheckout checkout,
    CustomerAccountSettingsStore settings,
    IAuthorizationService authorization,
    SignInManager<ShopUser> signIn,
    UserManager<ShopUser> users,
    TimeProvider clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var isMember = await IsMemberAsync();
        await using var shop = ShopDbContext.On(customers);
        var products = await shop.Products.AsNoTracking().Where(p => isMember || !p.MembersOnly).OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return View(new ShopIndexViewModel { Products = products, IsMember = isMember, CartCount = Cart.Read(Request).Lines.Values.Sum() });
    }

    [HttpPost("cart/add")]
    public async Task<IActionResult> Add([FromForm] int productId, [FromForm] int quantity, CancellationToken cancellationToken)
    {
        await using var shop = ShopDbContext.On(customers);
        var product = await shop.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == productId, cancellationToken);
        if (product is null || (product.MembersOnly && !await IsMemberAsync()))
        {
            return NotFound();
        }

        var cart = Cart.Read(Request);
        cart.Add(productId, quantity);
        cart.Write(Response);
        TempData.Success($"{product.Name} was added to your cart.");
        return Redirect("/shop/cart");
    }

    [HttpPost("cart/remove")]
    public IActionResult Remove([FromForm] int productId)
    {
        var cart = Cart.Read(Request);
        cart.Lines.Remove(productId);
        cart.Write(Response);
        return Redirect("/shop/cart");
    }

    [HttpGet("cart")]
    public async Task<IActionResult> CartPage(CancellationToken cancellationToken) =>
        View("Cart", await LinesAsync(cancellationToken));

    [HttpGet("checkout")]
    public async Task<IActionResult> Checkout(CancellationToken cancellationToken)
    {
        var lines = await LinesAsync(cancellationToken);
        if (lines.Count == 0)
        {
            return Redirect("/shop/cart");
        }

        var prefill = await checkout.PrefillAsync(User, cancellationToken);
        var model = new CheckoutViewModel
        {
            Email = prefill.Email,
            FirstName = prefill.FirstName,
            LastName = prefill.LastName,
            Company = prefill.Company,
            Phone = prefill.Phone,
            Recipient = prefill.Shipping.Recipient,
            Line1 = prefill.Shipping.Line1,
            Line2 = prefill.Shipping.Line2,
            City = prefill.Shipping.City,
            PostalCode = prefill.Shipping.PostalCode,
            Country = prefill.Shipping.Country,
        };
        return View(await CompleteAsync(model, lines));
    }

    [HttpPost("checkout")]
    [ActionName(nameof(Checkout))]
    public async Task<IActionResult> CheckoutPost(CheckoutViewModel model, CancellationToken cancellationToken)
    {
        var lines = await LinesAsync(cancellationToken);
        if (lines.Count == 0)
        {
            return Redirect("/shop/cart");
        }

        var details = new CheckoutDetails(model.Email, model.FirstName, model.LastName, model.Company, model.Phone,
            new AddressFields(model.Recipient, model.Line1, model.Line2, model.City, model.PostalCode, model.Country));

        // The customer, their address, any new login and the order commit together, or not at all.
        await using var transaction = await customers.Database.BeginTransactionAsync(cancellationToken);
        var attached = await checkout.AttachCustomerAsync(User, details, model.Account, model.Password, model.ConfirmPassword, cancellationToken);
        if (!attached.Succeeded)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            foreach (var error in attached.Errors)
            {
                ModelState.AddModelError(error.Field.Replace("Shipping.", "", StringComparison.Ordinal), error.Message);
            }

            model.Password = model.ConfirmPassword = null;
            return View(await CompleteAsync(model, lines));
        }

        var address = await customers.CustomerAddresses.AsNoTracking().Where(a => a.CustomerId == attached.CustomerId && a.IsDefaultShipping).FirstOrDefaultAsync(cancellationToken);
        await using var shop = ShopDbContext.On(customers);
        var order = OrderPlacement.Create(attached.CustomerId!.Value, model.Email!.Trim(), lines.Select(line => (line.Product, line.Quantity)), OrderPlacement.Format(address), null, clock.GetUtcNow().UtcDateTime);
        shop.Orders.Add(order);
        await shop.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (attached.SignInUserId is not null && await users.FindByIdAsync(attached.SignInUserId) is { } user)
        {
            await signIn.SignInAsync(user, isPersistent: false);
        }

        Cart.Clear(Response);
        TempData.Success(attached.AccountMessage is null ? $"Thank you! Your order {order.Number} was placed." : $"Thank you! Your order {order.Number} was placed. {attached.AccountMessage}");
        return Redirect($"/shop/orders/{order.Number}");
    }

    [HttpGet("orders/{number}")]
    public IActionResult Placed(string number) => View("Placed", number);

    private async Task<List<CartLine>> LinesAsync(CancellationToken cancellationToken)
    {
        var cart = Cart.Read(Request);
        var isMember = await IsMemberAsync();
        await using var shop = ShopDbContext.On(customers);
        var ids = cart.Lines.Keys.ToList();
        var products = await shop.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
        // A members-only product never reaches a guest's order, even from an old cookie.
        return products.Where(p => isMember || !p.MembersOnly).Select(p => new CartLine(p, cart.Lines[p.Id])).OrderBy(line => line.Product.Name).ToList();
    }

    private async Task<CheckoutViewModel> CompleteAsync(CheckoutViewModel model, List<CartLine> lines)
    {
        var accountSettings = await settings.GetAsync();
        model.Lines = lines;
        model.SignedIn = User.Identity?.IsAuthenticated == true;
        model.RegistrationEnabled = accountSettings.EnableRegistration;
        model.EmailsPasswords = accountSettings.NotificationMode == PasswordNotificationMode.EmailPassword;
        model.MinimumStrength = accountSettings.MinimumPasswordStrength;
        return model;
    }

    private async Task<bool> IsMemberAsync() =>
        User.Identity?.IsAuthenticated == true && (await authorization.AuthorizeAsync(User, RegisteredCustomerRequirement.PolicyName)).Succeeded;
}
