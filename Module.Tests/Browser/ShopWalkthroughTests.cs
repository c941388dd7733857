using Commerce.Customers.Credit;
using Commerce.Customers.Models;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Commerce.Customers.Tests.Browser;

/// <summary>The customer's side in Chromium: checkout with registration, pre-filled addresses, members-only, paying with store credit, forgotten password, and the admin's New order.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class ShopWalkthroughTests(ChromiumBrowser chromium) : IAsyncLifetime
{
    private SmtpTestServer _smtp = null!;
    private TestSite _site = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _site = await TestSite.StartAsync(new TestSiteOptions { UseKestrel = true, Smtp = _smtp });
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private string Url(string path) => new Uri(_site.RootUri, path).ToString();

    private Task GrantCreditAsync(string email, decimal amount) => _site.WithDbAsync(async (db, services) =>
    {
        var customerId = await db.Customers.Where(c => c.Email == email).Select(c => c.Id).SingleAsync();
        return await services.GetRequiredService<ICustomerCredit>().AddEntryAsync(new CreditEntry { CustomerId = customerId, Amount = amount, Currency = "USD", Description = "Welcome credit", CreatedBy = "test" });
    });

    [Fact]
    public async Task A_guest_registers_at_checkout_then_finds_the_address_prefilled_the_members_section_open_and_pays_with_credit()
    {
        var page = await chromium.NewPageAsync(_site.Secrets);

        // Members-only things are hidden from a guest.
        await page.GotoAsync(Url("/members"));
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        await page.GotoAsync(Url("/shop"));
        await Assertions.Expect(page.Locator("#products")).Not.ToContainTextAsync("Champion's robe");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add Boxing gloves to cart" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Checkout" }).ClickAsync();
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("holly@nakatomi.com");
        await page.GetByLabel("First name").FillAsync("Holly");
        await page.GetByLabel("Last name").FillAsync("Gennero");
        await page.GetByLabel("Street and number").FillAsync("2121 Avenue of the Stars");
        await page.GetByLabel("Postal code").FillAsync("90067");
        await page.GetByLabel("City").FillAsync("Los Angeles");
        await page.GetByLabel("Country code").FillAsync("US");
        await page.GetByLabel("Yes, with this password:").CheckAsync();
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("Violet-Canoe-Thunder-42");
        await Assertions.Expect(page.Locator("#password-strength")).ToHaveAttributeAsync("data-level", "excellent");
        await page.GetByLabel("Confirm password").FillAsync("Violet-Canoe-Thunder-42");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.success")).ToContainTextAsync("Check your email to finish creating your account.");
        var number = await page.Locator("#order-number").InnerTextAsync();

        // The confirmation link proves the mailbox; the page reads its token from the fragment and asks for the password.
        var confirmation = (await _smtp.WaitForAsync(1, TimeSpan.FromSeconds(20))).Single(email => email.Subject.StartsWith("Confirm your email", StringComparison.Ordinal));
        await page.GotoAsync(Url("/account/confirm-email" + new Uri(Emails.ConfirmEmailLink(confirmation).Link).Fragment));
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("Violet-Canoe-Thunder-42");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my email" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.success")).ToContainTextAsync("Your email is confirmed.");

        // Signed in: My account lists the order, the members section and product are open.
        await page.GotoAsync(Url("/account"));
        await Assertions.Expect(page.Locator("#orders")).ToContainTextAsync(number);
        await page.GotoAsync(Url("/members"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Members only");
        await page.GotoAsync(Url("/shop"));
        await Assertions.Expect(page.Locator("#products")).ToContainTextAsync("Champion's robe");

        // A second checkout starts from the saved address, and pays part of the robe with store credit.
        await GrantCreditAsync("holly@nakatomi.com", 50m);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add Champion's robe to cart" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Checkout" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Street and number")).ToHaveValueAsync("2121 Avenue of the Stars");
        await Assertions.Expect(page.GetByLabel("Email", new() { Exact = true })).ToHaveValueAsync("holly@nakatomi.com");
        await page.GetByLabel("Pay with store credit (balance 50.00 USD)").CheckAsync();
        await Screenshot.SaveAsync(page, "checkout-prefilled");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Assertions.Expect(page.Locator("#order-number")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#credit-applied")).ToHaveTextAsync("50.00 USD");
        await Assertions.Expect(page.Locator("#amount-due")).ToHaveTextAsync("79.00 USD");

        // Sign out, then sign in again with the password chosen at checkout.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.Locator(".topbar a.account-link")).ToHaveTextAsync("Sign in");
        await page.GotoAsync(Url("/account/login"));
        await page.GetByLabel("Email").FillAsync("holly@nakatomi.com");
        await page.GetByLabel("Password").FillAsync("Violet-Canoe-Thunder-42");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // My account's orders, or the sign-in page's error: whichever shows decides, and says why.
        await page.Locator("#orders, .validation-summary li").First.WaitForAsync();
        Assert.Equal(0, await page.Locator(".validation-summary li").CountAsync());
        await Assertions.Expect(page.Locator("#orders tbody tr")).ToHaveCountAsync(2);
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_from_the_emailed_link_which_then_stops_working()
    {
        var page = await chromium.NewPageAsync(_site.Secrets);
        await page.GotoAsync(Url("/account/login"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync("john@mcclane.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reset-requested")).ToBeVisibleAsync();

        var (_, _, link) = Emails.SetPasswordLink(Assert.Single(await _smtp.WaitForAsync(1, TimeSpan.FromSeconds(20))));
        var linked = new Uri(link);
        var local = Url(linked.PathAndQuery) + linked.Fragment;
        await page.GotoAsync(local);
        // The token left the address bar as soon as the page read it.
        await page.WaitForFunctionAsync("() => window.location.hash === ''");
        await page.GetByLabel("New password").FillAsync("Saffron-Kettle-Meadow-88");
        await page.GetByLabel("Confirm password").FillAsync("Saffron-Kettle-Meadow-88");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.success")).ToContainTextAsync("Your password was set.");

        // Open the link afresh, as from the email again (a same-page hash change would not reload).
        await page.GotoAsync(Url("/shop"));
        await page.GotoAsync(local);
        await page.GetByLabel("New password").FillAsync("Another-Kettle-Meadow-99");
        await page.GetByLabel("Confirm password").FillAsync("Another-Kettle-Meadow-99");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Assertions.Expect(page.Locator(".validation-summary")).ToContainTextAsync("This link has expired or was already used.");

        await page.GotoAsync(Url("/account/login"));
        await page.GetByLabel("Email").FillAsync("john@mcclane.com");
        await page.GetByLabel("Password").FillAsync("Saffron-Kettle-Meadow-88");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("#orders, .validation-summary li").First.WaitForAsync();
        Assert.Equal(0, await page.Locator(".validation-summary li").CountAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task The_admin_creates_an_order_that_registers_the_customer()
    {
        var page = await chromium.NewPageAsync(_site.Secrets);
        await page.GotoAsync(Url("/admin/login"));
        await page.GetByLabel("Email").FillAsync(TestSite.AdminEmail);
        await page.GetByLabel("Password").FillAsync(TestSite.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/customers");

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit martin@riggs.com" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Orders" }).ClickAsync();
        await Assertions.Expect(page.Locator("#orders")).ToContainTextAsync("No orders yet.");
        await page.GetByRole(AriaRole.Link, new() { Name = "New order" }).ClickAsync();
        await page.GetByLabel("Jump rope").FillAsync("2");
        await page.GetByLabel("Register the customer").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create order" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.success")).ToContainTextAsync("A login was created for martin@riggs.com.");
        await Assertions.Expect(page.Locator("#orders tbody tr")).ToHaveCountAsync(1);

        var email = Assert.Single(await _smtp.WaitForAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal(["martin@riggs.com"], email.To);
        Assert.NotEmpty(Emails.Password(email));
        Assert.NotNull(await _site.WithDbAsync(db => db.Customers.Where(c => c.Email == "martin@riggs.com").Select(c => c.UserId).SingleAsync()));
        await page.CloseAsync();
    }
}
