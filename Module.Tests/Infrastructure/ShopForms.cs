using System.Net;
using System.Text.RegularExpressions;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>The demo shop's forms as a customer fills them: the cart and the checkout.</summary>
public static class ShopForms
{
    public const string CheckoutUrl = "/shop/checkout";

    /// <summary>Puts one of the product with <paramref name="sku"/> in the client's cart.</summary>
    public static async Task AddToCartAsync(SiteClient client, string sku = "ROPE-01")
    {
        var shop = await client.GetPageAsync("/shop");
        var productId = Regex.Match(shop, $"data-sku=\"{Regex.Escape(sku)}\">.*?name=\"productId\" value=\"(\\d+)\"", RegexOptions.Singleline).Groups[1].Value;
        using var added = await client.PostFormAsync("/shop", [new("productId", productId), new("quantity", "1")], postUrl: "/shop/cart/add");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
    }

    /// <summary>A valid checkout for <paramref name="email"/> in New York, with <paramref name="changes"/> applied.</summary>
    public static Dictionary<string, string> CheckoutFields(string email, params (string Field, string Value)[] changes)
    {
        var fields = new Dictionary<string, string>
        {
            ["Email"] = email, ["FirstName"] = "Pat", ["LastName"] = "Buyer", ["Line1"] = "1 Main Street", ["PostalCode"] = "10001", ["City"] = "New York", ["Country"] = "US",
        };
        foreach (var (field, value) in changes)
        {
            fields[field] = value;
        }

        return fields;
    }

    /// <summary>Adds a jump rope to the cart and places the order.</summary>
    public static async Task<HttpResponseMessage> CheckoutAsync(SiteClient client, string email, params (string Field, string Value)[] changes)
    {
        await AddToCartAsync(client);
        return await client.PostFormAsync(CheckoutUrl, CheckoutFields(email, changes));
    }

    /// <summary>The order number in a checkout's redirect to its placed page.</summary>
    public static string OrderNumber(HttpResponseMessage placed)
    {
        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        return Html.RedirectPath(placed)["/shop/orders/".Length..];
    }
}
