using System.Globalization;

namespace Commerce.Customers.Host.Shop;

/// <summary>
/// The demo shop's cart: product ids and quantities in a cookie. Prices are never taken from the
/// cookie; they are read from the products when the page is shown or the order placed.
/// </summary>
public sealed class Cart
{
    public const string CookieName = "demo.cart";
    private const int MaxLines = 50;
    private const int MaxQuantity = 99;

    public Dictionary<int, int> Lines { get; } = [];

    public static Cart Read(HttpRequest request)
    {
        var cart = new Cart();
        foreach (var part in (request.Cookies[CookieName] ?? "").Split('.', StringSplitOptions.RemoveEmptyEntries).Take(MaxLines))
        {
            var pair = part.Split('x');
            if (pair.Length == 2
                && int.TryParse(pair[0], NumberStyles.None, CultureInfo.InvariantCulture, out var productId)
                && int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var quantity)
                && quantity is > 0 and <= MaxQuantity)
            {
                cart.Lines[productId] = quantity;
            }
        }

        return cart;
    }

    public void Add(int productId, int quantity) =>
        Lines[productId] = Math.Clamp(Lines.GetValueOrDefault(productId) + Math.Max(quantity, 1), 1, MaxQuantity);

    public void Write(HttpResponse response)
    {
        var value = string.Join('.', Lines.Select(line => string.Create(CultureInfo.InvariantCulture, $"{line.Key}x{line.Value}")));
        response.Cookies.Append(CookieName, value, Options(response));
    }

    public static void Clear(HttpResponse response) => response.Cookies.Delete(CookieName, Options(response));

    // Secure whenever the page came over HTTPS, like the module's own cookies, so it never travels in clear.
    private static CookieOptions Options(HttpResponse response) =>
        new() { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = response.HttpContext.Request.IsHttps };
}
