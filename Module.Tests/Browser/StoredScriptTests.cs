using Commerce.Customers.Accounts;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Commerce.Customers.Tests.Browser;

/// <summary>
/// Script and markup stored in every text that some page shows (names, company, addresses, credit
/// descriptions, email templates, login history) never runs in Chromium, on any of those pages.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class StoredScriptTests(ChromiumBrowser chromium)
{
    private const string ShopperEmail = "xss-shopper@example.com";
    private const string ShopperPassword = "Shopper-Passw0rd!";

    /// <summary>Each way markup could break out of text, an attribute or a URL; each would set the marker or open a dialog.</summary>
    private static readonly string[] Payloads =
    [
        $"<script>window.{HostileInputs.ScriptMarker}=1</script>",
        $"<img src=x onerror=\"window.{HostileInputs.ScriptMarker}=1\">",
        $"\"><svg onload=window.{HostileInputs.ScriptMarker}=1>",
        "'><img src=x onerror=alert(1)>",
        $"javascript:window.{HostileInputs.ScriptMarker}=1",
        "</textarea><script>alert(2)</script>",
    ];

    private static string Payload(int i) => Payloads[i % Payloads.Length];

    [Fact]
    public async Task Stored_markup_never_runs_on_any_page_that_shows_it()
    {
        await using var site = await TestSite.StartAsync(new TestSiteOptions { UseKestrel = true });
        var (victim, shopper) = await StorePayloadsAsync(site);

        var problems = new List<string>();
        var admin = await chromium.NewPageAsync();
        Watch(admin, problems);
        await admin.SignInAsAdminAsync(site);
        await admin.WaitForURLAsync("**/admin/customers");
        string[] adminPages =
        [
            "/admin/customers", "/admin/customers?q=%3C", "/admin/customers?sort=company", "/admin/notifications", "/admin/email-templates",
            "/admin/email-templates/LoginCreated", "/admin/email-templates/PasswordChanged", $"/admin/orders/new?customerId={victim}",
            .. new[] { "general", "addresses", "orders", "login-details", "roles", "membership", "credit", "notifications", "delete" }
                .SelectMany(tab => new[] { $"/admin/customers/{victim}/{tab}", $"/admin/customers/{shopper}/{tab}" }),
        ];
        await VisitAsync(admin, site, adminPages, problems);

        var customer = await chromium.NewPageAsync();
        Watch(customer, problems);
        await customer.GotoAsync(new Uri(site.RootUri, "/account/login").ToString());
        await customer.GetByLabel("Email").FillAsync(ShopperEmail);
        await customer.GetByLabel("Password").FillAsync(ShopperPassword);
        await customer.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await customer.WaitForURLAsync("**/account");
        await customer.GotoAsync(new Uri(site.RootUri, "/shop").ToString());
        await customer.Locator("[data-sku=ROPE-01] button").ClickAsync();
        await VisitAsync(customer, site, ["/account", "/shop/cart", "/shop/checkout", "/members"], problems);

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        await admin.CloseAsync();
        await customer.CloseAsync();
    }

    [Fact]
    public async Task The_watch_sees_a_script_that_runs()
    {
        // The checks must be able to fail: a page that does run script trips them.
        var problems = new List<string>();
        var page = await chromium.NewPageAsync();
        Watch(page, problems);
        await page.SetContentAsync($"<p>x</p><script>window.{HostileInputs.ScriptMarker}=1; alert(1)</script>");
        await CheckAsync(page, "inline page", problems);

        Assert.Contains(problems, problem => problem.Contains("script ran", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("dialog", StringComparison.Ordinal));
        await page.CloseAsync();
    }

    /// <summary>Puts a payload into every stored text that a page shows; returns the two customers carrying them.</summary>
    private static async Task<(int Victim, int Shopper)> StorePayloadsAsync(TestSite site) => await site.WithDbAsync(async (db, services) =>
    {
        var victim = new Customer { Company = Payload(0), FirstName = Payload(1), LastName = Payload(2), Email = "xss-victim@example.com", Phone = "+1 555 0100", CreatedUtc = DateTime.UtcNow };
        var shopper = new Customer { Company = Payload(3), FirstName = Payload(4), LastName = Payload(5), Email = ShopperEmail, CreatedUtc = DateTime.UtcNow };
        db.Customers.AddRange(victim, shopper);
        await db.SaveChangesAsync();

        foreach (var (customer, offset) in new[] { (victim, 0), (shopper, 3) })
        {
            db.CustomerAddresses.Add(new CustomerAddress
            {
                CustomerId = customer.Id, Name = Payload(offset), Recipient = Payload(offset + 1), Line1 = Payload(offset + 2), Line2 = Payload(offset + 3),
                City = Payload(offset + 4), PostalCode = "19104", Country = "US", IsDefaultShipping = true, IsDefaultBilling = true,
            });
            db.CreditEntries.Add(new CreditEntry { CustomerId = customer.Id, Amount = 5, Currency = "USD", Description = Payload(offset + 5), CreatedBy = Payload(offset), CreatedUtc = DateTime.UtcNow });
        }

        await db.SaveChangesAsync();

        // Templates: the payloads are plain text to Liquid, so they are saved as typed.
        var templates = services.GetRequiredService<EmailTemplateStore>();
        Assert.Empty(await templates.SaveAsync("LoginCreated", "en", "Hi " + Payload(0) + " {{ customer.first_name }}", "<p>{{ customer.last_name }}</p>" + Payload(2), Payload(3), "Test shop", "http://localhost", Payload(4)));

        // A login created by an actor whose name is a payload: history, notifications and Roles show it.
        Assert.True((await services.GetRequiredService<CustomerLoginService>().CreateLoginAsync(victim, new LoginActor(null, Payload(1)))).Succeeded);

        var users = services.GetRequiredService<UserManager<ShopUser>>();
        var login = new ShopUser { UserName = ShopperEmail, Email = ShopperEmail };
        Assert.True((await users.CreateAsync(login, ShopperPassword)).Succeeded);
        await db.Customers.Where(c => c.Id == shopper.Id).ExecuteUpdateAsync(set => set.SetProperty(c => c.UserId, login.Id));
        return (victim.Id, shopper.Id);
    });

    private static async Task VisitAsync(IPage page, TestSite site, IEnumerable<string> paths, List<string> problems)
    {
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(new Uri(site.RootUri, path).ToString());
            if (response is null || response.Status >= 400)
            {
                problems.Add($"{path}: answered {response?.Status}");
            }

            await CheckAsync(page, path, problems);
        }
    }

    private static async Task CheckAsync(IPage page, string path, List<string> problems)
    {
        if (await page.EvaluateAsync<bool>($"() => typeof window.{HostileInputs.ScriptMarker} !== 'undefined'"))
        {
            problems.Add($"{path}: stored script ran (window.{HostileInputs.ScriptMarker} is set)");
        }
    }

    /// <summary>A dialog means script ran; a CSP report means markup became an element that tried to run.</summary>
    private static void Watch(IPage page, List<string> problems)
    {
        page.Dialog += (_, dialog) =>
        {
            problems.Add($"{page.Url}: a dialog opened: {dialog.Message}");
            _ = dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"{page.Url}: console error: {message.Text}");
            }
        };
    }
}
