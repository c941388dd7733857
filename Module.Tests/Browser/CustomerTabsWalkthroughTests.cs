using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Commerce.Customers.Tests.Browser;

/// <summary>The Addresses, Roles, Membership, Credit and Notifications tabs, used as an administrator would in Chromium.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class CustomerTabsWalkthroughTests(ChromiumBrowser chromium)
{
    [Fact]
    public async Task Addresses_roles_membership_and_credit_are_managed_from_their_tabs()
    {
        await using var site = await TestSite.StartAsync(new TestSiteOptions { UseKestrel = true });
        var page = await chromium.NewPageAsync(site.Secrets);
        var dialogs = 0;
        page.Dialog += async (_, dialog) =>
        {
            dialogs++;
            await dialog.AcceptAsync();
        };
        await page.SignInAsAdminAsync(site);
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit frank@martin.com" }).ClickAsync();
        await Assertions.Expect(page.Locator(".tabs a")).ToHaveTextAsync(["General", "Addresses", "Orders", "Login details", "Roles", "Membership", "Credit", "Notifications"]);

        // Addresses: a bad country is refused by its field, then two addresses, then a delete.
        await page.GetByRole(AriaRole.Link, new() { Name = "Addresses" }).ClickAsync();
        await page.GetByLabel("Name:").FillAsync("Home");
        await page.GetByLabel("Street and number:").FillAsync("1 Rue de Rivoli");
        await page.GetByLabel("Postal code:").FillAsync("75001");
        await page.GetByLabel("City:").FillAsync("Paris");
        await page.GetByLabel("Country code:").FillAsync("ZZ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add address" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for=Country]")).ToContainTextAsync("Choose a country");
        await page.GetByLabel("Country code:").FillAsync("FR");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add address" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.success")).ToHaveTextAsync("The address Home was saved.");
        await page.GetByLabel("Name:").FillAsync("Office");
        await page.GetByLabel("Street and number:").FillAsync("10 Downing Street");
        await page.GetByLabel("Postal code:").FillAsync("SW1A 2AA");
        await page.GetByLabel("City:").FillAsync("London");
        await page.GetByLabel("Country code:").FillAsync("GB");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add address" }).ClickAsync();
        await Assertions.Expect(page.Locator("#addresses tbody tr")).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete address Office" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.success")).ToHaveTextAsync("The address Office was deleted.");
        await Assertions.Expect(page.Locator("#addresses tbody tr")).ToHaveCountAsync(1);
        Assert.Equal(1, dialogs);
        await Screenshot.SaveAsync(page, "tab-addresses");

        // Roles: grant Staff.
        await page.GetByRole(AriaRole.Link, new() { Name = "Roles" }).ClickAsync();
        await page.GetByLabel("Staff").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.success")).ToHaveTextAsync("The roles of frank@martin.com were saved.");
        await Assertions.Expect(page.GetByLabel("Staff")).ToBeCheckedAsync();

        // Membership: a period that ends before it starts is refused; a good one grants the role; End now takes it away.
        await page.GetByRole(AriaRole.Link, new() { Name = "Membership" }).ClickAsync();
        var today = DateTime.UtcNow.Date;
        await page.GetByLabel("Role:").SelectOptionAsync("Customer Service");
        await page.GetByLabel("Valid from:").FillAsync(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Valid to:").FillAsync(today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Grant membership" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for=ValidTo]")).ToContainTextAsync("in the past");
        await page.GetByLabel("Valid to:").FillAsync(today.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Grant membership" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.success")).ToContainTextAsync("now holds Customer Service");
        await Assertions.Expect(page.Locator("#memberships tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#memberships [data-state]")).ToHaveTextAsync("Active");
        await Screenshot.SaveAsync(page, "tab-membership");
        await page.GetByRole(AriaRole.Link, new() { Name = "Roles" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Customer Service")).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Membership" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "End the Customer Service membership" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.success")).ToContainTextAsync("ended");
        await Assertions.Expect(page.Locator("#memberships [data-state]")).ToContainTextAsync("Ended early");
        Assert.Equal(2, dialogs);
        await page.GetByRole(AriaRole.Link, new() { Name = "Roles" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Customer Service")).Not.ToBeCheckedAsync();

        // Credit: add, refuse an overdraft, correct.
        await page.GetByRole(AriaRole.Link, new() { Name = "Credit" }).ClickAsync();
        await page.GetByLabel("Amount (negative to use credit):").FillAsync("25");
        await page.GetByLabel("Description:").FillAsync("Goodwill");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add entry" }).ClickAsync();
        await Assertions.Expect(page.Locator("#credit-balance")).ToContainTextAsync("25.00 USD");
        await page.GetByLabel("Amount (negative to use credit):").FillAsync("-30");
        await page.GetByLabel("Description:").FillAsync("Too much");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add entry" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for=Amount]")).ToContainTextAsync("cannot go below zero");
        await page.Locator("#credit-entries a", new() { HasText = "Correct" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add entry" }).ClickAsync();
        await Assertions.Expect(page.Locator("#credit-balance")).ToContainTextAsync("0.00 USD");
        await Assertions.Expect(page.Locator("#credit-entries tbody tr")).ToHaveCountAsync(2);
        await Screenshot.SaveAsync(page, "tab-credit");

        // The login history on the Login details tab shows the role change.
        await page.GetByRole(AriaRole.Link, new() { Name = "Login details" }).ClickAsync();
        await Assertions.Expect(page.Locator("#login-history")).ToContainTextAsync("Roles changed");
        await Assertions.Expect(page.Locator("#login-history")).ToContainTextAsync("Membership ended");

        // Notifications: the email that Generate password sends is listed, its password masked.
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate password" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.success")).ToContainTextAsync("A new password was generated");
        // The subject is rendered when the email is delivered, so the list shows it once the dispatcher has sent it.
        var generated = await site.WithDbAsync(db => db.Notifications.Where(n => n.RecipientEmail == "frank@martin.com" && n.Template == Commerce.Customers.Notifications.EmailTemplateDefinitions.PasswordChanged)
            .OrderByDescending(n => n.CreatedUtc).Select(n => n.Id).FirstAsync());
        await Outbox.WaitUntilAsync(site, generated, n => n.SentUtc is not null);
        await page.Locator(".tabs").GetByRole(AriaRole.Link, new() { Name = "Notifications" }).ClickAsync();
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("Your new password for Test shop");
        await page.CloseAsync();
    }
}
