using System.Security.Cryptography;
using Commerce.Customers.Models;

namespace Commerce.Customers.Host.Shop;

/// <summary>Builds a demo order from products and quantities, pricing from the catalogue.</summary>
internal static class OrderPlacement
{
    public static Order Create(int customerId, string email, IEnumerable<(Product Product, int Quantity)> lines, string shippingAddress, string? placedBy, DateTime now)
    {
        var order = new Order
        {
            CustomerId = customerId,
            Email = email,
            PlacedUtc = now,
            ShippingAddress = shippingAddress,
            PlacedBy = placedBy,
            // Readable, unique enough for a demo, and not guessable in sequence.
            Number = $"SO-{now:yyMMdd}-{RandomNumberGenerator.GetHexString(6)}",
        };
        var products = new List<Product>();
        lines = lines.ToList();
        if (MixedCurrencyProblem(lines.Select(line => line.Product)) is { } problem)
        {
            // The controllers refuse such an order with this message first; this is the last line.
            throw new InvalidOperationException(problem);
        }

        foreach (var (product, quantity) in lines)
        {
            order.Lines.Add(new OrderLine { ProductName = product.Name, Quantity = quantity, UnitPrice = product.Price });
            products.Add(product);
        }

        order.Currency = CurrencyOf(products);
        order.Total = order.Lines.Sum(line => line.UnitPrice * line.Quantity);
        return order;
    }

    /// <summary>The currency an order of these products is in; the checkout offers credit in it before the order exists.</summary>
    public static string CurrencyOf(IReadOnlyList<Product> products) => products.Count == 0 ? "USD" : products[^1].Currency;

    /// <summary>
    /// Amounts in different currencies cannot be added up: 1000 EUR and 1 JPY are not "1001 JPY".
    /// Null when the products share a currency; otherwise why no order can be placed.
    /// </summary>
    public static string? MixedCurrencyProblem(IEnumerable<Product> products)
    {
        var currencies = products.Select(product => product.Currency).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return currencies.Count <= 1
            ? null
            : $"The order holds products priced in more than one currency ({string.Join(", ", currencies)}). An order is in one currency: remove the products in the others.";
    }

    public static string Format(CustomerAddress? address) => address?.ToMultiline() ?? "";
}
