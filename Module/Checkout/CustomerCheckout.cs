using System.Security.Claims;
using Commerce.Customers.Accounts;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Services;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using static Commerce.Customers.Localization.DeferredText;

namespace Commerce.Customers.Checkout;

internal sealed class CustomerCheckout(
    CustomersDbContext db,
    CustomerValidator customerValidator,
    AddressValidator addressValidator,
    CustomerLoginService logins,
    CustomerRegistrationService registration,
    CustomerAccountSettingsStore settings,
    MailboxConfirmation mailbox,
    UserManager<ShopUser> users,
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
        if (account != CheckoutAccount.None && (!accountSettings.EnableRegistration || user.Identity?.IsAuthenticated == true))
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
        else if (account == CheckoutAccount.ChoosePassword && errors.Count == 0)
        {
            // Judged before anyone looks for the address, so the answer never tells a taken one from a new one.
            errors.AddRange(await registration.PasswordErrorsAsync(details.Email!.Trim(), password!));
        }

        if (errors.Count > 0)
        {
            return new CheckoutCustomerResult(null, errors, null, null);
        }

        var shipping = AddressOf(details.Shipping);
        if (await SignedInCustomerAsync(user, cancellationToken, tracked: true) is { } signedIn)
        {
            // The email stays as it is: for a registered customer it is their user name.
            await LockAsync(signedIn, cancellationToken);
            signedIn.CompleteWith(details.FirstName, details.LastName, details.Company, details.Phone);
            await db.SaveChangesAsync(cancellationToken);
            await SaveShippingAddressAsync(signedIn, shipping, cancellationToken);
            return new CheckoutCustomerResult(signedIn.Id, [], null, null, shipping);
        }

        // Not signed in, nobody has proven this mailbox: an existing customer with the email gets the
        // order, but what was typed never changes their record or their addresses.
        var email = details.Email!.Trim();
        var existingLogin = account == CheckoutAccount.None ? null : await users.FindByEmailAsync(email);
        if (existingLogin is not null)
        {
            // Told as a new account would be told, so the checkout reveals no accounts; the owner hears about it.
            await mailbox.TellOwnerOfAttemptAsync(existingLogin, L["At checkout."], cancellationToken);
        }

        var matched = account == CheckoutAccount.ChoosePassword && existingLogin is null ? null : await CustomerByEmailAsync(email, cancellationToken);
        if (matched is not null)
        {
            return await OrderForExistingCustomerAsync(matched, existingLogin is not null, account, shipping, cancellationToken);
        }

        // A new customer record, the visitor's own: a new account's, even when an older record has its
        // email (the two are joined once the emailed link is followed).
        var customer = new Customer { Email = email, CreatedUtc = clock.GetUtcNow().UtcDateTime };
        customer.CompleteWith(details.FirstName, details.LastName, details.Company, details.Phone);
        db.Customers.Add(customer);
        await db.SaveChangesAsync(cancellationToken);
        await SaveShippingAddressAsync(customer, shipping, cancellationToken);

        switch (account)
        {
            case CheckoutAccount.ChoosePassword:
                var (login, maySignIn, loginErrors) = await registration.CreateOwnLoginAsync(customer, password!, L["At checkout."], cancellationToken);
                return loginErrors.Count > 0
                    ? new CheckoutCustomerResult(null, loginErrors, null, null)
                    : new CheckoutCustomerResult(customer.Id, [], maySignIn ? login?.Id : null, NewAccountMessage(account, maySignIn && login is not null).Text, shipping);
            case CheckoutAccount.EmailMeAPassword:
                var emailed = await RegisterWithEmailedPasswordAsync(customer, cancellationToken);
                return emailed.Errors.Count > 0 ? new CheckoutCustomerResult(null, emailed.Errors, null, null) : new CheckoutCustomerResult(customer.Id, [], null, emailed.Text, shipping);
            default:
                return new CheckoutCustomerResult(customer.Id, [], null, null, shipping);
        }
    }

    public async Task<LoginActionResult> RegisterForAdminOrderAsync(int customerId, LoginActor admin, CancellationToken cancellationToken = default)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        return customer is null
            ? LoginActionResult.Failed("", S["The customer no longer exists."])
            : await logins.CreateLoginAsync(customer, admin, cancellationToken: cancellationToken);
    }

    /// <summary>A visitor who is not signed in orders for an existing customer: the order is theirs, the record stays as it was.</summary>
    private async Task<CheckoutCustomerResult> OrderForExistingCustomerAsync(Customer matched, bool emailHasLogin, CheckoutAccount account, CustomerAddress shipping, CancellationToken cancellationToken)
    {
        // Writes only the owner's notice, if one was enqueued.
        await db.SaveChangesAsync(cancellationToken);
        if (emailHasLogin)
        {
            return new CheckoutCustomerResult(matched.Id, [], null, NewAccountMessage(account, maySignIn: false).Text, shipping);
        }

        if (account == CheckoutAccount.EmailMeAPassword && matched.UserId is null)
        {
            var emailed = await RegisterWithEmailedPasswordAsync(matched, cancellationToken);
            return emailed.Errors.Count > 0 ? new CheckoutCustomerResult(null, emailed.Errors, null, null) : new CheckoutCustomerResult(matched.Id, [], null, emailed.Text, shipping);
        }

        return new CheckoutCustomerResult(matched.Id, [], null, null, shipping);
    }

    /// <summary>What the visitor is told about their new account; the same whether or not the email already had one.</summary>
    private AccountMessage NewAccountMessage(CheckoutAccount account, bool maySignIn) => new(
        account == CheckoutAccount.EmailMeAPassword ? S["Check your email to sign in."]
            : maySignIn ? S["Your account was created and you are signed in."]
            : S["Check your email to finish creating your account."],
        []);

    private async Task<AccountMessage> RegisterWithEmailedPasswordAsync(Customer customer, CancellationToken cancellationToken)
    {
        // The password (or link) goes to the mailbox only, so whoever signs in with it has proven it.
        var result = await logins.CreateLoginAsync(customer, new LoginActor(null, L["(the customer, at checkout)"]), cancellationToken: cancellationToken);
        return result.Succeeded ? NewAccountMessage(CheckoutAccount.EmailMeAPassword, maySignIn: false) : new AccountMessage(null, result.Errors);
    }

    private async Task LockAsync(Customer customer, CancellationToken cancellationToken)
    {
        if (await CustomerRowLock.LockAsync(db, customer.Id, cancellationToken))
        {
            // Checkouts for one customer at once (two tabs, a double click) take turns from here, so
            // neither finds the row changed under it nor adds the same address twice.
            await db.Entry(customer).ReloadAsync(cancellationToken);
        }
    }

    /// <summary>The shipping address as typed, cleaned as it is stored; the order ships there whether or not it is saved.</summary>
    private static CustomerAddress AddressOf(AddressFields fields) => new()
    {
        Recipient = Clean(fields.Recipient),
        Line1 = fields.Line1!.Trim(),
        Line2 = Clean(fields.Line2),
        City = fields.City!.Trim(),
        PostalCode = fields.PostalCode!.Trim(),
        Country = fields.Country!.Trim().ToUpperInvariant(),
    };

    private async Task SaveShippingAddressAsync(Customer customer, CustomerAddress typed, CancellationToken cancellationToken)
    {
        var addresses = await db.CustomerAddresses.Where(a => a.CustomerId == customer.Id).ToListAsync(cancellationToken);
        var known = addresses.FirstOrDefault(a => a.Line1 == typed.Line1 && a.PostalCode == typed.PostalCode && a.Country == typed.Country);
        if (known is null)
        {
            known = new CustomerAddress
            {
                CustomerId = customer.Id,
                // Named in the customer's language: the address book is theirs.
                Name = addresses.Count == 0 ? S["Shipping"] : S["Shipping {0}", addresses.Count + 1],
                Recipient = typed.Recipient,
                Line1 = typed.Line1,
                Line2 = typed.Line2,
                City = typed.City,
                PostalCode = typed.PostalCode,
                Country = typed.Country,
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

    /// <summary>What to tell the visitor about their account, or why it could not be created.</summary>
    private sealed record AccountMessage(string? Text, IReadOnlyList<FieldError> Errors);
}
