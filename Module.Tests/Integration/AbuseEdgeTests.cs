using System.Net;
using System.Text.RegularExpressions;
using Commerce.Customers.Host.Shop;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// Issue 13, examples 6 and 10 and their rules: one currency per demo-shop order, far-future
/// dates refused by the field, and bounded import headers. (No-store: <see cref="AbuseCacheTests"/>.)
/// </summary>
public sealed partial class AbuseEdgeTests(PeopleSite people) : IClassFixture<PeopleSite>
{
    private const string YenSku = "YEN-01";

    [Fact]
    public async Task A_product_in_another_currency_is_not_added_to_the_cart()
    {
        await YenProductIdAsync();
        using var guest = people.Site.CreateSiteClient();
        await ShopForms.AddToCartAsync(guest);

        var shop = await guest.GetPageAsync("/shop");
        var yenId = Regex.Match(shop, $"data-sku=\"{YenSku}\">.*?name=\"productId\" value=\"(\\d+)\"", RegexOptions.Singleline).Groups[1].Value;
        using (var refused = await guest.PostFormAsync("/shop", [new("productId", yenId), new("quantity", "1")], postUrl: "/shop/cart/add"))
        {
            Assert.Equal("/shop/cart", Html.RedirectPath(refused));
        }

        var cart = await guest.GetPageAsync("/shop/cart");
        Assert.Contains("<td>Jump rope</td>", cart, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>Yen token</td>", cart, StringComparison.Ordinal);
        Assert.Contains("is priced in JPY, and your cart in USD", WebUtility.HtmlDecode(cart), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cart_in_two_currencies_from_an_old_or_forged_cookie_places_no_order()
    {
        var yenId = await YenProductIdAsync();
        var ropeId = await people.Site.WithDbAsync(async db =>
        {
            await using var shop = ShopDbContext.On(db);
            return await shop.Products.Where(p => p.Sku == "ROPE-01").Select(p => p.Id).SingleAsync();
        });
        var ordersBefore = await OrderCountAsync();

        // A cookie the cart itself would no longer write: 1 jump rope (USD) and 1 yen token (JPY).
        using var forger = people.Site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var cart = $"{Cart.CookieName}={ropeId}x1.{yenId}x1";
        using var form = await SendAsync(forger, HttpMethod.Get, ShopForms.CheckoutUrl, cart, null);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var page = await form.Content.ReadAsStringAsync();
        Assert.Contains("more than one currency", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        var antiforgery = form.Headers.GetValues("Set-Cookie").Select(cookie => cookie.Split(';')[0]).Single(cookie => cookie.StartsWith("commerce.antiforgery=", StringComparison.Ordinal));

        var fields = ShopForms.CheckoutFields("mixed@example.com");
        fields["__RequestVerificationToken"] = SiteClient.AntiforgeryToken(page);
        using var placed = await SendAsync(forger, HttpMethod.Post, ShopForms.CheckoutUrl, cart + "; " + antiforgery, fields);
        Assert.Equal(HttpStatusCode.OK, placed.StatusCode);
        Assert.Contains("more than one currency", WebUtility.HtmlDecode(await placed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(ordersBefore, await OrderCountAsync());
        Assert.False(await people.Site.WithDbAsync(db => db.Customers.AnyAsync(c => c.Email == "mixed@example.com")));
    }

    [Theory]
    [InlineData("9999-12-30", "9999-12-31", "ValidFrom")]
    [InlineData("9999-12-31", "9999-12-31", "ValidFrom")]
    [InlineData("2026-01-01", "9999-12-31", "ValidTo")]
    public async Task Membership_days_far_in_the_future_are_refused_by_the_field(string from, string to, string field)
    {
        using var admin = await people.ClientAsync(Person.Administrator);
        var before = await people.Site.WithDbAsync(db => db.CustomerMemberships.CountAsync());

        using var refused = await admin.PostFormAsync($"/admin/customers/{people.RegisteredCustomerId}/membership",
            [new("Action", "grant"), new("Role", "Staff"), new("ValidFrom", from), new("ValidTo", to)]);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotEqual("", Html.FieldError(await refused.Content.ReadAsStringAsync(), field));
        Assert.Equal(before, await people.Site.WithDbAsync(db => db.CustomerMemberships.CountAsync()));
    }

    [Theory]
    [InlineData(2_500_000, 1, "columns")]
    [InlineData(101, 1, "columns")]
    [InlineData(3, 9000, "8 KB")]
    public async Task An_import_header_with_too_many_columns_or_characters_is_refused_with_a_short_answer(int columns, int nameLength, string reason)
    {
        using var admin = await people.ClientAsync(Person.Administrator);
        var jobsBefore = await people.Site.WithDbAsync(db => db.BulkJobs.CountAsync());
        var header = "Last name," + string.Join(",", Enumerable.Range(0, columns - 1).Select(_ => new string('c', nameLength)));

        using var refused = await admin.PostFileAsync("/admin/customers/import", "file", "wide.csv", System.Text.Encoding.UTF8.GetBytes(header + "\r\nSmith" + new string(',', columns - 1) + "\r\n"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.True(page.Length < 50_000, $"The refusal page is {page.Length:N0} characters.");
        Assert.Contains(reason, WebUtility.HtmlDecode(Html.FieldError(page, "file")), StringComparison.Ordinal);
        Assert.Equal(jobsBefore, await people.Site.WithDbAsync(db => db.BulkJobs.CountAsync()));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string cookies, Dictionary<string, string>? form)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        request.Headers.Add("Cookie", cookies);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        return await client.SendAsync(request);
    }

    private Task<int> OrderCountAsync() => people.Site.WithDbAsync(async db =>
    {
        await using var shop = ShopDbContext.On(db);
        return await shop.Orders.CountAsync();
    });

    /// <summary>A product priced in yen beside the demo's dollar products; added once per site.</summary>
    private Task<int> YenProductIdAsync() => people.Site.WithDbAsync(async db =>
    {
        await using var shop = ShopDbContext.On(db);
        if (await shop.Products.SingleOrDefaultAsync(p => p.Sku == YenSku) is { } existing)
        {
            return existing.Id;
        }

        var product = new Product { Sku = YenSku, Name = "Yen token", Description = "Priced in yen.", Price = 1, Currency = "JPY" };
        shop.Products.Add(product);
        await shop.SaveChangesAsync();
        return product.Id;
    });
}
