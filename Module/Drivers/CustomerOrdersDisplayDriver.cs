using Commerce.Customers.Models;
using Commerce.Customers.Orders;

namespace Commerce.Customers.Drivers;

public sealed record CustomerOrdersViewModel(IReadOnlyList<CustomerOrderSummary> Orders, string? NewOrderUrl);

/// <summary>The Orders tab: the customer's orders, read from the shop through <see cref="ICustomerOrders"/>.</summary>
public sealed class CustomerOrdersDisplayDriver(ICustomerOrders orders) : CustomerDisplayDriver
{
    public override string TabName => "Orders";
    public override int Position => 20;

    public override async Task<EditorShape> EditAsync(Customer customer, BuildEditorContext context) =>
        new("CustomerOrders_Edit", new CustomerOrdersViewModel(await orders.ListAsync(customer.Id), orders.NewOrderUrl(customer.Id)));
}
