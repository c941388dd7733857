using Microsoft.Playwright;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>What browser tests do as the set-up administrator.</summary>
public static class AdminPages
{
    /// <summary>Signs in on the admin's sign-in page, as a person would type it.</summary>
    public static async Task SignInAsAdminAsync(this IPage page, TestSite site)
    {
        await page.GotoAsync(new Uri(site.RootUri, "/admin/login").ToString());
        await page.GetByLabel("Email").FillAsync(TestSite.AdminEmail);
        await page.GetByLabel("Password").FillAsync(TestSite.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
