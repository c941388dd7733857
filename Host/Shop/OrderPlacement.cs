using System.Security.Cryptography;
using Commerce.Customers.Models;
using Microsoft.Extensions.Localization;

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
        if (Currencies(lines.Select(line => line.Product)).Count > 1)
        {
            // The controllers refuse such an order with MixedCurrencyProblem first; this is the last line.
            throw new InvalidOperationException("An order is in one currency.");
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
    public static string? MixedCurrencyProblem(IEnumerable<Product> products, IStringLocalizer S) =>
        Currencies(products) is { Count: > 1 } currencies
            ? S["The order holds products priced in more than one currency ({0}). An order is in one currency: remove the products in the others.", string.Join(", ", currencies)].Value
            : null;

    private static List<string> Currencies(IEnumerable<Product> products) =>
        products.Select(product => product.Currency).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static string Format(CustomerAddress? address) => address?.ToMultiline() ?? "";
}
