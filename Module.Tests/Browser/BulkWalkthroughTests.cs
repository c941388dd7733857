using System.Text;
using Commerce.Customers.Models;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Commerce.Customers.Tests.Browser;

/// <summary>Bulk work from the Customers list in Chromium: select, confirm, follow the progress, reload, import with a dry run.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class BulkWalkthroughTests(ChromiumBrowser chromium)
{
    [Fact]
    public async Task Selected_rows_get_logins_in_the_background_and_an_import_is_previewed_before_it_runs()
    {
        await using var site = await TestSite.StartAsync(new TestSiteOptions { UseKestrel = true });
        var page = await chromium.NewPageAsync(site.Secrets);
        await page.SignInAsAdminAsync(site);

        // "Select all on this page" ticks every row; unticking one leaves it indeterminate.
        await page.GetByLabel("Select all customers on this page").CheckAsync();
        await Assertions.Expect(page.Locator("#bulk-selected-count")).ToHaveTextAsync("4 selected");
        await page.GetByLabel("Select all customers on this page").UncheckAsync();
        await Assertions.Expect(page.Locator("#bulk-selected-count")).ToHaveTextAsync("");

        // Create logins for the two unregistered demo customers.
        await page.GetByLabel("Select apollo@creed.com").CheckAsync();
        await page.GetByLabel("Select martin@riggs.com").CheckAsync();
        await Assertions.Expect(page.Locator("#bulk-selected-count")).ToHaveTextAsync("2 selected");
        await page.GetByLabel("Bulk action").SelectOptionAsync("create-logins");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(page.Locator("#bulk-confirm")).ToContainTextAsync("Create logins for 2 selected customers?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create 2 logins" }).ClickAsync();

        // The job page follows the job and shows the outcome; a reload reads the same from the database.
        await Assertions.Expect(page.Locator("#bulk-job")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#job-counts")).ToHaveTextAsync("2 of 2 done: 2 succeeded, 0 with problems.");
        await Screenshot.SaveAsync(page, "bulk-job-completed");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#job-status")).ToHaveTextAsync("Completed");
        await Assertions.Expect(page.Locator("#job-progress")).ToHaveAttributeAsync("value", "2");
        Assert.Equal(2, await site.WithDbAsync(db => db.Customers.CountAsync(c => (c.Email == "apollo@creed.com" || c.Email == "martin@riggs.com") && c.UserId != null)));

        // Import: the dry run names the bad line; confirming imports the good ones.
        await page.GotoAsync(new Uri(site.RootUri, "/admin/customers").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Import" }).ClickAsync();
        await page.GetByLabel("CSV file (UTF-8, at most 10 MB):").SetInputFilesAsync(new FilePayload
        {
            Name = "customers.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("Last name,First name,Email\r\nZedd,Ann,ann@zedd.test\r\nZeller,Bo,bo@zedd.test\r\nZorro,,not-an-email\r\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
        await Assertions.Expect(page.Locator("#dry-run-summary")).ToHaveTextAsync("3 lines read: 2 customers will be imported; 1 line has problems and will be skipped.");
        await Assertions.Expect(page.Locator("#job-issues")).ToContainTextAsync("Enter a valid email address");
        await Assertions.Expect(page.Locator("#import-preview tbody tr")).ToHaveCountAsync(2);
        await Screenshot.SaveAsync(page, "import-dry-run");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import 2 customers" }).ClickAsync();
        await Assertions.Expect(page.Locator("#bulk-job")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 60_000 });

        // Delete everything matching a search, through "all customers matching the filter".
        await page.GotoAsync(new Uri(site.RootUri, "/admin/customers?q=ze").ToString());
        await Assertions.Expect(page.Locator("#customers tbody tr")).ToHaveCountAsync(2);
        await page.GetByLabel("Bulk action").SelectOptionAsync("delete");
        await page.GetByLabel("for", new() { Exact = true }).SelectOptionAsync("all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(page.Locator("#bulk-confirm")).ToContainTextAsync("Delete all 2 customers matching \u201Cze\u201D");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete 2 customers" }).ClickAsync();
        await Assertions.Expect(page.Locator("#bulk-job")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 60_000 });
        await page.GotoAsync(new Uri(site.RootUri, "/admin/customers?q=ze").ToString());
        await Assertions.Expect(page.Locator("#customers tbody")).ToContainTextAsync("No customers match the filter.");
        Assert.Equal(3, await site.WithDbAsync(db => db.BulkJobs.CountAsync(job => job.Status == BulkJobStatus.Completed)));
        await page.CloseAsync();
    }
}
