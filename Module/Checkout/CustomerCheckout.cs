using System.Security.Claims;
using Commerce.Customers.Accounts;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Services;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Checkout;

internal sealed class CustomerCheckout(
    CustomersDbContext db,
    CustomerValidator customerValidator,
    AddressValidator addressValidator,
    CustomerLoginService logins,
    CustomerRegistrationService registration,
    CustomerAccountSettingsStore settings,
    TimeProvider clock,
    IStringLocalizer<CustomerCheckout> S) : ICustomerCheckout
{
    public const string ShippingPrefix = "Shipping.";

    public async Task<CheckoutDetails> PrefillAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var customer = await SignedInCustomerAsync(user, cancellationToken);
        if (customer is null)
        {
            return new CheckoutDetails(null, null, null, null, null, new AddressFields(null, null, null, null, null, null));
        }

        var address = await db.CustomerAddresses.AsNoTracking()
            .Where(a => a.CustomerId == customer.Id)
            .OrderByDescending(a => a.IsDefaultShipping).ThenByDescending(a => a.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return new CheckoutDetails(customer.Email, customer.FirstName, customer.LastName, customer.Company, customer.Phone,
            new AddressFields(address?.Recipient, address?.Line1, address?.Line2, address?.City, address?.PostalCode, address?.Country));
    }

    public async Task<CheckoutCustomerResult> AttachCustomerAsync(ClaimsPrincipal user, CheckoutDetails details, CheckoutAccount account, string? password, string? confirmPassword, CancellationToken cancellationToken = default)
    {
        var errors = customerValidator.Validate(new CustomerFields(details.Company, details.FirstName, details.LastName, details.Email, details.Phone)).ToList();
        errors.AddRange(addressValidator.Validate(details.Shipping, ShippingPrefix));
        if (string.IsNullOrWhiteSpace(details.Email))
        {
            errors.Add(new(nameof(CheckoutDetails.Email), S["Enter your email: we send the order confirmation there."]));
        }

        var accountSettings = await settings.GetAsync(cancellationToken);
        if (account != CheckoutAccount.None && !accountSettings.EnableRegistration)
        {
            account = CheckoutAccount.None;
        }

        if (account == CheckoutAccount.ChoosePassword && string.IsNullOrEmpty(password))
        {
            errors.Add(new(CustomerLoginService.PasswordField, S["Choose a password for your account."]));
        }
        else if (account == CheckoutAccount.ChoosePassword && !string.Equals(password, confirmPassword, StringComparison.Ordinal))
        {
            errors.Add(new(CustomerLoginService.ConfirmPasswordField, S["The passwords do not match."]));
        }

        if (errors.Count > 0)
        {
            return new CheckoutCustomerResult(null, errors, null, null);
        }

        var customer = await SignedInCustomerAsync(user, cancellationToken, tracked: true) ?? await CustomerByEmailAsync(details.Email!, cancellationToken);
        if (customer is null)
        {
            customer = new Customer { Email = details.Email, CreatedUtc = clock.GetUtcNow().UtcDateTime };
            db.Customers.Add(customer);
        }
        else if (await CustomerRowLock.LockAsync(db, customer.Id, cancellationToken))
        {
            // Checkouts for one customer at once (two tabs, a double click) take turns from here, so
            // neither finds the row changed under it nor adds the same address twice.
            await db.Entry(customer).ReloadAsync(cancellationToken);
        }

        // The email stays as it is: for a registered customer it is their user name.
        customer.CompleteWith(details.FirstName, details.LastName, details.Company, details.Phone);
        await db.SaveChangesAsync(cancellationToken);
        await SaveShippingAddressAsync(customer, details.Shipping, cancellationToken);

        if (account == CheckoutAccount.None || user.Identity?.IsAuthenticated == true)
        {
            return new CheckoutCustomerResult(customer.Id, [], null, null);
        }

        if (customer.UserId is not null)
        {
            return new CheckoutCustomerResult(customer.Id, [], null, S["You already have an account with {0}; the order was added to it. Sign in to see it.", customer.Email!]);
        }

        return account == CheckoutAccount.ChoosePassword
            ? await RegisterWithPasswordAsync(customer, password!, cancellationToken)
            : await RegisterWithEmailedPasswordAsync(customer, cancellationToken);
    }

    public async Task<LoginActionResult> RegisterForAdminOrderAsync(int customerId, LoginActor admin, CancellationToken cancellationToken = default)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        return customer is null
            ? LoginActionResult.Failed("", S["The customer no longer exists."])
            : await logins.CreateLoginAsync(customer, admin, cancellationToken: cancellationToken);
    }

    private async Task<CheckoutCustomerResult> RegisterWithPasswordAsync(Customer customer, string password, CancellationToken cancellationToken)
    {
        var (user, errors) = await registration.CreateOwnLoginAsync(customer, password, "At checkout.", cancellationToken);
        return user is null
            ? new CheckoutCustomerResult(null, errors, null, null)
            : new CheckoutCustomerResult(customer.Id, [], user.Id, S["Your account was created and you are signed in."]);
    }

    private async Task<CheckoutCustomerResult> RegisterWithEmailedPasswordAsync(Customer customer, CancellationToken cancellationToken)
    {
        var result = await logins.CreateLoginAsync(customer, new LoginActor(null, customer.Email + " (at checkout)"), cancellationToken: cancellationToken);
        return result.Succeeded
            ? new CheckoutCustomerResult(customer.Id, [], null, S["Your account was created. Check your email to sign in."])
            : new CheckoutCustomerResult(null, result.Errors, null, null);
    }

    private async Task SaveShippingAddressAsync(Customer customer, AddressFields fields, CancellationToken cancellationToken)
    {
        var line1 = fields.Line1!.Trim();
        var postalCode = fields.PostalCode!.Trim();
        var country = fields.Country!.Trim().ToUpperInvariant();
        var addresses = await db.CustomerAddresses.Where(a => a.CustomerId == customer.Id).ToListAsync(cancellationToken);
        var known = addresses.FirstOrDefault(a => a.Line1 == line1 && a.PostalCode == postalCode && a.Country == country);
        if (known is null)
        {
            known = new CustomerAddress
            {
                CustomerId = customer.Id,
                Name = addresses.Count == 0 ? "Shipping" : $"Shipping {addresses.Count + 1}",
                Recipient = Clean(fields.Recipient),
                Line1 = line1,
                Line2 = Clean(fields.Line2),
                City = fields.City!.Trim(),
                PostalCode = postalCode,
                Country = country,
            };
            db.CustomerAddresses.Add(known);
        }

        // The address used last becomes the default, so the next checkout starts from it.
        foreach (var address in addresses)
        {
            address.IsDefaultShipping = false;
        }

        known.IsDefaultShipping = true;
        known.IsDefaultBilling = known.IsDefaultBilling || addresses.Count == 0;
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<Customer?> SignedInCustomerAsync(ClaimsPrincipal user, CancellationToken cancellationToken, bool tracked = false)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return null;
        }

        var customers = tracked ? db.Customers : db.Customers.AsNoTracking();
        return await customers.FirstOrDefaultAsync(c => c.UserId == userId, cancellationToken);
    }

    private Task<Customer?> CustomerByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = Customer.Normalize(email);
        // A registered customer with this email first, else the oldest unregistered one.
        return db.Customers.Where(c => c.NormalizedEmail == normalized).OrderBy(c => c.UserId == null).ThenBy(c => c.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
