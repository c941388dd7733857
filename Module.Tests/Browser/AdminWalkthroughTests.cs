using Commerce.Customers.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Commerce.Customers.Tests.Browser;

/// <summary>The whole path a new shop owner takes, in real Chromium against the site on a real port.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class AdminWalkthroughTests(ChromiumBrowser chromium)
{
    private const string OwnerEmail = "owner@example.com";
    private const string OwnerPassword = "Owner-Passw0rd!";

    [Fact]
    public async Task Set_up_sign_in_then_list_create_edit_and_delete_a_customer()
    {
        await using var site = await TestSite.StartAsync(new TestSiteOptions { SetupRecipe = null, UseKestrel = true });
        var page = await chromium.NewPageAsync(site.Secrets);
        var problems = WatchForProblems(page);

        // 1. A fresh site opens on the setup screen.
        await page.GotoAsync(new Uri(site.RootUri, "/admin/customers").ToString());
        Assert.EndsWith("/setup", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Site name").FillAsync("Corner shop");
        await page.GetByLabel("Recipe").SelectOptionAsync("demo");
        await page.GetByLabel("Administrator email").FillAsync(OwnerEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(OwnerPassword);
        await page.GetByLabel("Confirm password").FillAsync(OwnerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Finish set-up" }).ClickAsync();

        // 2. Sign in.
        await page.WaitForURLAsync("**/admin/login");
        await page.GetByLabel("Email").FillAsync(OwnerEmail);
        await page.GetByLabel("Password").FillAsync(OwnerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // 3. Customers: the four documented customers with the right "Is registered".
        await page.WaitForURLAsync("**/admin/customers");
        await Assertions.Expect(page.Locator("nav.menu")).ToContainTextAsync("Customers");
        await page.GetByRole(AriaRole.Link, new() { Name = "Last name" }).ClickAsync();
        await page.WaitForURLAsync("**sort=lastname**");
        Assert.Equal(
            ["Creed|No", "Martin Jr.|Yes", "McClane|Yes", "Riggs|No"],
            await RowsAsync(page, row => $"{row[2]}|{row[6]}"));
        await Screenshot.SaveAsync(page, "customers-list");

        // 4. Create a customer.
        await page.GetByRole(AriaRole.Link, new() { Name = "New customer" }).ClickAsync();
        await page.GetByLabel("Company:").FillAsync("Nakatomi");
        await page.GetByLabel("First name:").FillAsync("Holly");
        await page.GetByLabel("Last name:").FillAsync("Gennero");
        await page.GetByLabel("Email:").FillAsync("holly@nakatomi.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.success")).ToHaveTextAsync("Customer Holly Gennero was created.");
        await Assertions.Expect(page.Locator(".tabs a.active")).ToHaveTextAsync("General");

        // 5. Edit it; a bad email is refused next to the field first.
        await page.GetByLabel("Email:").FillAsync("holly@");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for=Email]")).ToContainTextAsync("Enter a valid email address");
        await Screenshot.SaveAsync(page, "customer-general-invalid");
        await page.GetByLabel("Email:").FillAsync("holly.mcclane@nakatomi.com");
        await page.GetByLabel("Company:").FillAsync("Nakatomi Trading");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.success")).ToHaveTextAsync("Customer Holly Gennero was saved.");
        await Assertions.Expect(page.GetByLabel("Company:")).ToHaveValueAsync("Nakatomi Trading");

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to Customers" }).ClickAsync();
        await page.GetByRole(AriaRole.Searchbox).FillAsync("holly");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        Assert.Equal(["Nakatomi Trading|holly.mcclane@nakatomi.com|No"], await RowsAsync(page, row => $"{row[1]}|{row[4]}|{row[6]}"));

        // 6. Delete it, after confirming.
        await page.GetByRole(AriaRole.Link, new() { Name = "Delete holly.mcclane@nakatomi.com" }).ClickAsync();
        await Assertions.Expect(page.Locator(".confirm")).ToContainTextAsync("Do you really want to delete the customer Holly Gennero");
        await Screenshot.SaveAsync(page, "customer-delete");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.success")).ToHaveTextAsync("Customer Holly Gennero was deleted.");
        Assert.Equal(4, (await RowsAsync(page, row => row[4])).Count);

        // Sign out ends the session.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/login");
        await page.GotoAsync(new Uri(site.RootUri, "/admin/customers").ToString());
        Assert.Contains("/admin/login", page.Url, StringComparison.Ordinal);

        Assert.Empty(problems);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Markup_typed_into_a_name_never_runs()
    {
        await using var site = await TestSite.StartAsync(new TestSiteOptions { UseKestrel = true });
        var page = await chromium.NewPageAsync(site.Secrets);
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) => { dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };

        await page.SignInAsAdminAsync(site);
        await page.WaitForURLAsync("**/admin/customers");

        const string payload = "<img src=x onerror=alert(1)><script>alert(2)</script>";
        await page.GetByRole(AriaRole.Link, new() { Name = "New customer" }).ClickAsync();
        await page.GetByLabel("Last name:").FillAsync("Gruber");
        await page.GetByLabel("Company:").FillAsync(payload);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.success")).ToBeVisibleAsync();

        await page.GotoAsync(new Uri(site.RootUri, "/admin/customers?q=gruber").ToString());
        Assert.Equal([payload], await RowsAsync(page, row => row[1]));
        Assert.Equal(0, await page.Locator("#customers img").CountAsync());
        Assert.Empty(dialogs);
        await page.CloseAsync();
    }

    /// <summary>Console errors (a CSP violation among them) and failed requests, which a walkthrough should never cause.</summary>
    private static List<string> WatchForProblems(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"console: {message.Text} ({message.Location})");
            }
        };
        page.RequestFailed += (_, request) => problems.Add("request failed: " + request.Url);
        page.Response += (_, response) =>
        {
            if (response.Status >= 500)
            {
                problems.Add($"{response.Status}: {response.Url}");
            }
        };
        return problems;
    }

    private static async Task<List<string>> RowsAsync(IPage page, Func<string[], string> select)
    {
        var rows = new List<string>();
        foreach (var row in await page.Locator("#customers tbody tr[data-customer-id]").AllAsync())
        {
            // The bulk selection box is left out, so cell 0 is Actions as in the documentation.
            var cells = (await row.Locator("td:not(.select)").AllInnerTextsAsync()).Select(text => text.Trim()).ToArray();
            rows.Add(select(cells));
        }

        return rows;
    }
}
