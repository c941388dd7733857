using Commerce.Customers.Checkout;
using Commerce.Customers.Security;

namespace Commerce.Customers.Host.Shop;

public sealed record CartLine(Product Product, int Quantity)
{
    public decimal Amount => Product.Price * Quantity;
}

public sealed class ShopIndexViewModel
{
    public IReadOnlyList<Product> Products { get; init; } = [];
    public bool IsMember { get; init; }
    public int CartCount { get; init; }
}

public sealed class CheckoutViewModel
{
    public string? Email { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Company { get; set; }
    public string? Phone { get; set; }
    public string? Recipient { get; set; }
    public string? Line1 { get; set; }
    public string? Line2 { get; set; }
    public string? City { get; set; }
    public string? PostalCode { get; set; }
    public string? Country { get; set; }
    public CheckoutAccount Account { get; set; }
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }

    /// <summary>"Pay with store credit": honoured only for the signed-in customer's own credit.</summary>
    public bool UseCredit { get; set; }

    public IReadOnlyList<CartLine> Lines { get; set; } = [];
    public bool SignedIn { get; set; }
    public bool RegistrationEnabled { get; set; }
    public bool EmailsPasswords { get; set; }
    public PasswordStrengthLevel MinimumStrength { get; set; }
    public decimal Total => Lines.Sum(line => line.Amount);

    /// <summary>The signed-in customer's store credit in <see cref="Currency"/>; zero for guests.</summary>
    public decimal CreditBalance { get; set; }
    public string Currency { get; set; } = "USD";
}

/// <param name="Order">The order, when it belongs to the signed-in customer; otherwise only its number shows.</param>
public sealed record PlacedViewModel(string Number, Order? Order);

public sealed class NewOrderViewModel
{
    public int? CustomerId { get; set; }
    public string? CustomerName { get; set; }
    public bool CustomerIsRegistered { get; set; }
    public bool CanRegister { get; set; }
    public bool RegisterCustomer { get; set; }
    public Dictionary<int, int> Quantities { get; set; } = [];
    public IReadOnlyList<Product> Products { get; set; } = [];
}
