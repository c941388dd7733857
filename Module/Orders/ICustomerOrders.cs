namespace Commerce.Customers.Orders;

/// <summary>An order as the customer and the admin see it in lists.</summary>
public sealed record CustomerOrderSummary(string Id, string Number, DateTime PlacedUtc, string Status, decimal Total, string Currency);

public sealed record CustomerOrderLine(string Product, int Quantity, decimal UnitPrice);

/// <param name="CreditApplied">The part of the total the customer paid with store credit.</param>
public sealed record CustomerOrderDetails(CustomerOrderSummary Summary, IReadOnlyList<CustomerOrderLine> Lines, string? ShippingAddress, decimal CreditApplied = 0)
{
    public decimal AmountDue => Summary.Total - CreditApplied;
}

/// <summary>
/// The integration contract through which the module reads a shop's orders. Orders belong to the
/// shop, not to this module: a site registers its own implementation; without one, customers
/// simply have no orders. The module calls it for the editor's Orders tab and My account.
/// </summary>
public interface ICustomerOrders
{
    /// <summary>The customer's orders, newest first.</summary>
    Task<IReadOnlyList<CustomerOrderSummary>> ListAsync(int customerId, CancellationToken cancellationToken = default);

    /// <summary>One of the customer's orders, or null if it is not theirs or does not exist.</summary>
    Task<CustomerOrderDetails?> GetAsync(int customerId, string orderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves every order of one customer to another, in the caller's transaction. Called when a
    /// confirmed email joins a new account's customer record into the older one it belongs with.
    /// </summary>
    Task MoveAsync(int fromCustomerId, int toCustomerId, CancellationToken cancellationToken = default);

    /// <summary>Where an admin creates an order for the customer, if the shop offers that page.</summary>
    string? NewOrderUrl(int customerId) => null;
}

/// <summary>The contract's default for a site without a shop.</summary>
internal sealed class NoCustomerOrders : ICustomerOrders
{
    public Task<IReadOnlyList<CustomerOrderSummary>> ListAsync(int customerId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CustomerOrderSummary>>([]);

    public Task<CustomerOrderDetails?> GetAsync(int customerId, string orderId, CancellationToken cancellationToken = default) =>
        Task.FromResult<CustomerOrderDetails?>(null);

    public Task MoveAsync(int fromCustomerId, int toCustomerId, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
