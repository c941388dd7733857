using Commerce.Customers.Models;
using Commerce.Customers.Orders;

namespace Commerce.Customers.Drivers;

/// <summary>The Orders tab: the customer's orders, read from the shop through <see cref="ICustomerOrders"/>.</summary>
public sealed class CustomerOrdersDisplayDriver(ICustomerOrders orders) : CustomerDisplayDriver
{
    public override string TabName => "Orders";
    public override int Position => 20;

    public override async Task<EditorShape> EditAsync(Customer customer, BuildEditorContext context) =>
        new("CustomerOrders_Edit", await orders.ListAsync(customer.Id));
}
