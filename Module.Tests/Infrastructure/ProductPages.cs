using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>Who looks at a page: a visitor, a signed-in customer, or the administrator.</summary>
public enum PageViewer
{
    Visitor,
    Customer,
    Administrator,
}

public sealed record ProductPage(PageViewer Viewer, string Url);

/// <summary>
/// Every page of the product a person can open, on a demo site prepared by <see cref="PrepareAsync"/>:
/// the admin (the list, every tab of a registered and an unregistered customer, jobs, settings,
/// templates), the customer's pages and the shop. The tests for languages and accessibility walk them all.
/// </summary>
public static partial class ProductPages
{
    public const string CustomerEmail = "pages.customer@example.com";

    /// <summary>Enables registration, gives the test customer an order and a bulk job to show, and lists the pages.</summary>
    public static async Task<IReadOnlyList<ProductPage>> PrepareAsync(TestSite site)
    {
        await AccountSettingsForm.SaveAsync(site);
        using var admin = await site.AdminClientAsync();
        await TestAccounts.CreateAsync(site, CustomerEmail);
        using var customer = site.CreateSiteClient();
        await customer.SignInAsync(CustomerEmail, TestAccounts.Password);
        await ShopForms.AddToCartAsync(customer);
        string order;
        using (var placed = await customer.PostFormAsync(ShopForms.CheckoutUrl, ShopForms.CheckoutFields(CustomerEmail)))
        {
            Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
            order = Html.RedirectPath(placed).Split('/')[^1];
        }

        var orderDetails = AccountOrderLink().Match(await customer.GetPageAsync("/account")).Value;
        Assert.NotEmpty(orderDetails);
        var apollo = await IdOfAsync(site, "apollo@creed.com");
        var frank = await IdOfAsync(site, "frank@martin.com");
        var own = await IdOfAsync(site, CustomerEmail);

        var address = await site.WithDbAsync(db => db.CustomerAddresses.Where(a => a.CustomerId == own).Select(a => a.Id).FirstAsync());
        // An import's dry run: the job page with its preview and problems, awaiting confirmation. A job's
        // problems are written in its starter's language: here a German-speaking administrator's.
        long job;
        using var germanAdmin = await site.AdminClientAsync();
        germanAdmin.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        using (var uploaded = await germanAdmin.PostFileAsync("/admin/customers/import", "file", "kunden.csv", System.Text.Encoding.UTF8.GetBytes("Last name,First name,Email\r\nDrago,Ivan,ivan@drago.example\r\n,,not-an-email\r\n")))
        {
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
            job = long.Parse(Html.RedirectPath(uploaded).Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        }

        var pages = new List<ProductPage>();
        void Add(PageViewer viewer, params string[] urls) => pages.AddRange(urls.Select(url => new ProductPage(viewer, url)));

        Add(PageViewer.Visitor, "/shop", "/account/login", "/account/register", "/account/forgot-password", "/password-tips", "/admin/login", "/error/404", "/account/email/report");
        Add(PageViewer.Customer, "/account", "/account/addresses/new", "/account/change-password", "/account/preferences", "/members", "/shop/cart", "/shop/checkout", orderDetails, $"/shop/orders/{order}",
            $"/account/addresses/{address}", "/admin/access-denied", "/account/security", "/account/security/authenticator", "/account/email", "/account/email/confirm");
        Add(PageViewer.Administrator, "/admin/customers", "/admin/customers?q=zzz", "/admin/customers/create", "/admin/customers/jobs", "/admin/customers/import",
            "/admin/notifications", "/admin/settings/customer-accounts", "/admin/settings/regional", "/admin/email-templates", "/admin/email-settings",
            $"/admin/customers/{apollo}/delete", $"/admin/orders/new?customerId={own}", "/account", "/account/preferences", $"/admin/customers/jobs/{job}");
        foreach (var id in new[] { apollo, frank, own })
        {
            foreach (var tab in await TabUrlsAsync(admin, id))
            {
                Add(PageViewer.Administrator, tab);
            }
        }

        var templates = TemplateLink().Matches(await admin.GetPageAsync("/admin/email-templates")).Select(match => match.Value).Distinct().Take(3).ToArray();
        Add(PageViewer.Administrator, templates);
        return pages;
    }

    /// <summary>A client of the page's viewer (a new one each time: the test may change its language).</summary>
    public static async Task<SiteClient> ClientForAsync(TestSite site, PageViewer viewer)
    {
        var client = site.CreateSiteClient();
        switch (viewer)
        {
            case PageViewer.Customer:
                await client.SignInAsync(CustomerEmail, TestAccounts.Password);
                // So that the checkout page has something to check out.
                await ShopForms.AddToCartAsync(client);
                // The cart's "added" notice was written in the language of that request: show it here, not on the page under test.
                (await client.GetAsync("/shop/cart")).Dispose();
                break;
            case PageViewer.Administrator:
                await client.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);
                break;
        }

        return client;
    }

    private static async Task<IEnumerable<string>> TabUrlsAsync(SiteClient admin, int id)
    {
        var editor = await admin.GetPageAsync($"/admin/customers/{id}");
        return new[] { $"/admin/customers/{id}" }.Concat(TabLink(id).Matches(editor).Select(match => match.Value)).Distinct(StringComparer.Ordinal);
    }

    private static Task<int> IdOfAsync(TestSite site, string email) =>
        site.WithDbAsync(db => db.Customers.Where(customer => customer.Email == email).Select(customer => customer.Id).SingleAsync());

    private static Regex TabLink(int id) => new($"/admin/customers/{id}/[a-z-]+(?=\")");

    [GeneratedRegex("/account/orders/[0-9a-f-]{36}")]
    private static partial Regex AccountOrderLink();

    [GeneratedRegex("/admin/email-templates/[A-Za-z]+(?=\")")]
    private static partial Regex TemplateLink();
}
