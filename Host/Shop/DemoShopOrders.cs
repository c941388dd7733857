using Commerce.Customers.Data;
using Commerce.Customers.Orders;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Host.Shop;

/// <summary>The demo shop's side of the module's <see cref="ICustomerOrders"/> contract.</summary>
internal sealed class DemoShopOrders(CustomersDbContext customers) : ICustomerOrders
{
    public async Task<IReadOnlyList<CustomerOrderSummary>> ListAsync(int customerId, CancellationToken cancellationToken = default)
    {
        await using var shop = ShopDbContext.On(customers);
        var orders = await shop.Orders.AsNoTracking().Where(o => o.CustomerId == customerId).ToListAsync(cancellationToken);
        return orders.OrderByDescending(o => o.PlacedUtc).Select(Summary).ToList();
    }

    public async Task<CustomerOrderDetails?> GetAsync(int customerId, string orderId, CancellationToken cancellationToken = default)
    {
        if (!Guid.TryParse(orderId, out var id))
        {
            return null;
        }

        await using var shop = ShopDbContext.On(customers);
        var order = await shop.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id && o.CustomerId == customerId, cancellationToken);
        return order is null
            ? null
            : new CustomerOrderDetails(Summary(order), order.Lines.Select(line => new CustomerOrderLine(line.ProductName, line.Quantity, line.UnitPrice)).ToList(), order.ShippingAddress, order.CreditApplied);
    }

    public async Task MoveAsync(int fromCustomerId, int toCustomerId, CancellationToken cancellationToken = default)
    {
        await using var shop = ShopDbContext.On(customers);
        await shop.Orders.Where(o => o.CustomerId == fromCustomerId).ExecuteUpdateAsync(o => o.SetProperty(order => order.CustomerId, toCustomerId), cancellationToken);
    }

    public string? NewOrderUrl(int customerId) => $"/admin/orders/new?customerId={customerId}";

    private static CustomerOrderSummary Summary(Order order) =>
        new(order.Id.ToString(), order.Number, DateTime.SpecifyKind(order.PlacedUtc, DateTimeKind.Utc), order.Status, order.Total, order.Currency);
}
