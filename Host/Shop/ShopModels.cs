namespace Commerce.Customers.Host.Shop;

/// <summary>A product of the demo shop.</summary>
public sealed class Product
{
    public int Id { get; set; }
    public string Sku { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public decimal Price { get; set; }
    public string Currency { get; set; } = "USD";

    /// <summary>Shown and sold only to registered customers.</summary>
    public bool MembersOnly { get; set; }
}

/// <summary>An order of the demo shop. Orders belong to the shop; the module only knows the customer id.</summary>
public sealed class Order
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Number { get; set; } = "";
    public int CustomerId { get; set; }
    public string Email { get; set; } = "";
    public DateTime PlacedUtc { get; set; }
    public string Status { get; set; } = "Placed";
    public decimal Total { get; set; }

    /// <summary>The part of the total paid with the customer's store credit.</summary>
    public decimal CreditApplied { get; set; }

    /// <summary>Derived rather than stored, so it can never disagree with the total and the credit.</summary>
    public decimal AmountDue => Total - CreditApplied;

    public string Currency { get; set; } = "USD";
    public string ShippingAddress { get; set; } = "";
    public string? PlacedBy { get; set; }
    public List<OrderLine> Lines { get; set; } = [];
}

public sealed class OrderLine
{
    public int Id { get; set; }
    public Guid OrderId { get; set; }
    public string ProductName { get; set; } = "";
    public int Quantity { get; set; }
    public decimal UnitPrice { get; set; }
}
