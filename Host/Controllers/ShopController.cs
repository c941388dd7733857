using System.Security.Claims;
using Commerce.Customers.Accounts;
using Commerce.Customers.Checkout;
using Commerce.Customers.Controllers;
using Commerce.Customers.Credit;
using Commerce.Customers.Data;
using Commerce.Customers.Host.Localization;
using Commerce.Customers.Host.Shop;
using Commerce.Customers.Localization;
using Commerce.Customers.Models;
using Commerce.Customers.Security;
using Commerce.Customers.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Host.Controllers;

/// <summary>The demo shop: products, a cart, and a checkout that registers customers and spends store credit through the module's contracts.</summary>
[Route("shop")]
[AllowAnonymous]
public sealed class ShopController(
    CustomersDbContext customers,
    ICustomerCheckout checkout,
    ICustomerCredit credit,
    CustomerAccountSettingsStore settings,
    IAuthorizationService authorization,
    SignInManager<ShopUser> signIn,
    UserManager<ShopUser> users,
    TimeProvider clock,
    IStringLocalizer<ShopText> S) : Controller
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
        var inCart = cart.Lines.Keys.Where(id => id != productId).ToList();
        var cartCurrency = await shop.Products.AsNoTracking().Where(p => inCart.Contains(p.Id)).Select(p => p.Currency).FirstOrDefaultAsync(cancellationToken);
        if (cartCurrency is not null && cartCurrency != product.Currency)
        {
            TempData.Error(S["{0} is priced in {1}, and your cart in {2}. An order is in one currency: check out or empty the cart first.", product.Name, product.Currency, cartCurrency]);
            return Redirect("/shop/cart");
        }

        cart.Add(productId, quantity);
        cart.Write(Response);
        TempData.Success(S["{0} was added to your cart.", product.Name]);
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

        if (OrderPlacement.MixedCurrencyProblem(lines.Select(line => line.Product), S) is { } mixed)
        {
            ModelState.AddModelError("", mixed);
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
        return View(await CompleteAsync(model, lines, cancellationToken));
    }

    [HttpPost("checkout")]
    [ActionName(nameof(Checkout))]
    // A checkout may create an account and hash its password: limited per client like registration.
    [EnableRateLimiting(AccountRateLimits.PolicyName)]
    public async Task<IActionResult> CheckoutPost(CheckoutViewModel model, CancellationToken cancellationToken)
    {
        var lines = await LinesAsync(cancellationToken);
        if (lines.Count == 0)
        {
            return Redirect("/shop/cart");
        }

        // From a cart cookie written before the cart refused a second currency, or forged.
        if (OrderPlacement.MixedCurrencyProblem(lines.Select(line => line.Product), S) is { } mixed)
        {
            ModelState.AddModelError("", mixed);
            model.Password = model.ConfirmPassword = null;
            return View(await CompleteAsync(model, lines, cancellationToken));
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
            return View(await CompleteAsync(model, lines, cancellationToken));
        }

        await using var shop = ShopDbContext.On(customers);
        // Ships where the visitor said, which for a guest ordering as an existing customer is not saved with them.
        var order = OrderPlacement.Create(attached.CustomerId!.Value, model.Email!.Trim(), lines.Select(line => (line.Product, line.Quantity)), OrderPlacement.Format(attached.Shipping), null, clock.GetUtcNow().UtcDateTime);
        // Only the signed-in customer's own credit: a guest typing a member's email orders for that
        // member (see AttachCustomerAsync) but must never spend their credit.
        if (model.UseCredit && await SignedInCustomerIdAsync(cancellationToken) == order.CustomerId)
        {
            var paid = await CreditPayment.ApplyAsync(credit, order, User.Identity?.Name ?? "customer", S, cancellationToken);
            if (!paid.Succeeded)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                ModelState.AddModelError("", S["Your store credit changed meanwhile: the balance is now {0}. Check the order and place it again.", Money.Format(paid.Balance, order.Currency)]);
                model.Password = model.ConfirmPassword = null;
                return View(await CompleteAsync(model, lines, cancellationToken));
            }
        }

        shop.Orders.Add(order);
        await shop.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (attached.SignInUserId is not null && await users.FindByIdAsync(attached.SignInUserId) is { } user)
        {
            await signIn.SignInAsync(user, isPersistent: false);
        }

        Cart.Clear(Response);
        TempData.Success(attached.AccountMessage is null ? S["Thank you! Your order {0} was placed.", order.Number] : S["Thank you! Your order {0} was placed. {1}", order.Number, attached.AccountMessage]);
        return Redirect($"/shop/orders/{order.Number}");
    }

    [HttpGet("orders/{number}")]
    public async Task<IActionResult> Placed(string number, CancellationToken cancellationToken)
    {
        // Amounts only for the customer's own order: the number alone must not reveal them.
        var customerId = await SignedInCustomerIdAsync(cancellationToken);
        Order? order = null;
        if (customerId is not null)
        {
            await using var shop = ShopDbContext.On(customers);
            order = await shop.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Number == number && o.CustomerId == customerId, cancellationToken);
        }

        return View("Placed", new PlacedViewModel(number, order));
    }

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

    private async Task<CheckoutViewModel> CompleteAsync(CheckoutViewModel model, List<CartLine> lines, CancellationToken cancellationToken)
    {
        var accountSettings = await settings.GetAsync(cancellationToken);
        model.Lines = lines;
        model.SignedIn = User.Identity?.IsAuthenticated == true;
        model.RegistrationEnabled = accountSettings.EnableRegistration;
        model.EmailsPasswords = accountSettings.NotificationMode == PasswordNotificationMode.EmailPassword;
        model.MinimumStrength = accountSettings.MinimumPasswordStrength;
        model.Currency = OrderPlacement.CurrencyOf(lines.Select(line => line.Product).ToList());
        model.CreditBalance = await SignedInCustomerIdAsync(cancellationToken) is { } customerId
            ? await credit.GetBalanceAsync(customerId, model.Currency, cancellationToken)
            : 0;
        return model;
    }

    /// <summary>The customer whose login is signed in; null for guests and for staff without a customer.</summary>
    private async Task<int?> SignedInCustomerIdAsync(CancellationToken cancellationToken)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        return userId is null ? null : await customers.Customers.Where(c => c.UserId == userId).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<bool> IsMemberAsync() =>
        User.Identity?.IsAuthenticated == true && (await authorization.AuthorizeAsync(User, RegisteredCustomerRequirement.PolicyName)).Succeeded;
}
