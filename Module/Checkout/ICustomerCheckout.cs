using System.Security.Claims;
using Commerce.Customers.Accounts;
using Commerce.Customers.Models;
using Commerce.Customers.Services;

namespace Commerce.Customers.Checkout;

/// <summary>Who is ordering, as the checkout form collects it.</summary>
public sealed record CheckoutDetails(string? Email, string? FirstName, string? LastName, string? Company, string? Phone, AddressFields Shipping);

/// <summary>The checkout's "Create an account" choice.</summary>
public enum CheckoutAccount
{
    /// <summary>Order as a guest.</summary>
    None,

    /// <summary>Create an account with the password typed at checkout (with the strength meter).</summary>
    ChoosePassword,

    /// <summary>Create an account and email a generated password or a set-password link, per the notification mode.</summary>
    EmailMeAPassword,
}

/// <param name="CustomerId">The customer the order belongs to; null when there are errors.</param>
/// <param name="SignInUserId">A user to sign in now (the visitor chose a password), if any.</param>
/// <param name="AccountMessage">What to tell the visitor about their account, if anything.</param>
/// <param name="Shipping">The address the order ships to, as typed; saved with the customer only when it is theirs to change.</param>
public sealed record CheckoutCustomerResult(int? CustomerId, IReadOnlyList<FieldError> Errors, string? SignInUserId, string? AccountMessage, CustomerAddress? Shipping = null)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// The integration contract a shop calls at checkout and when an admin creates an order. The
/// shop owns orders; the module owns customers, addresses and logins. Call the writing methods
/// inside a transaction on the module's <c>CustomersDbContext</c> (the shop's order can share
/// it, see the Host's demo shop), so the order, the customer and any login commit together.
/// </summary>
public interface ICustomerCheckout
{
    /// <summary>A signed-in customer's details and default shipping address, to pre-fill the form.</summary>
    Task<CheckoutDetails> PrefillAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds the ordering customer or creates them, and registers them if they asked to. A signed-in
    /// customer's details and shipping address are saved to their record. A visitor who is not signed
    /// in orders for an existing customer with the same email without changing that record; one who
    /// creates an account gets a record of their own, joined with the older one once they confirm
    /// their email.
    /// </summary>
    Task<CheckoutCustomerResult> AttachCustomerAsync(ClaimsPrincipal user, CheckoutDetails details, CheckoutAccount account, string? password, string? confirmPassword, CancellationToken cancellationToken = default);

    /// <summary>"Register the customer" on an admin's new order: exactly what Create login does.</summary>
    Task<LoginActionResult> RegisterForAdminOrderAsync(int customerId, LoginActor admin, CancellationToken cancellationToken = default);
}
