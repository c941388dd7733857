using Commerce.Customers.Security;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Commerce.Customers.Tests.Browser;

/// <summary>
/// The original documentation's Login details pages, walked in Chromium with email delivered to
/// a real SMTP server: create a login, generate a password (dismissing the dialog once), and
/// type passwords while the meter rises from weak to excellent.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class LoginDetailsWalkthroughTests(ChromiumBrowser chromium) : IAsyncLifetime
{
    private const string Apollo = "apollo@creed.com";
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

    [Fact]
    public async Task Create_login_generate_password_and_set_one_as_the_documentation_describes()
    {
        var admin = await chromium.NewPageAsync(_site.Secrets);
        var dialogs = new List<string>();
        await SignInAsync(admin, TestSite.AdminEmail, TestSite.AdminPassword);
        await admin.WaitForURLAsync("**/admin/customers");

        // 1. Create login for Apollo Creed.
        await admin.GetByRole(AriaRole.Link, new() { Name = $"Edit {Apollo}" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Login details" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".note")).ToHaveTextAsync("Customer will be notified by email containing a generated password.");
        await Assertions.Expect(admin.Locator("#login-email")).ToHaveTextAsync(Apollo);
        await Screenshot.SaveAsync(admin, "login-details-not-registered");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create login" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".notice.success")).ToContainTextAsync("A login was created for apollo@creed.com.");

        // 2. Read the email and sign in as Apollo with the emailed password.
        var firstPassword = Emails.Password(Assert.Single(await _smtp.WaitForAsync(1, TimeSpan.FromSeconds(20))));
        Assert.True(await SignsInAsync(Apollo, firstPassword));

        // 3. Generate password: dismiss the dialog once, then accept it.
        await Assertions.Expect(admin.Locator(".note")).ToHaveTextAsync("Customer will be notified by email.");
        await Screenshot.SaveAsync(admin, "login-details-registered");
        var accept = false;
        admin.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            if (accept)
            {
                await dialog.AcceptAsync();
            }
            else
            {
                await dialog.DismissAsync();
            }
        };
        await admin.GetByRole(AriaRole.Button, new() { Name = "Generate password" }).ClickAsync();
        await Task.Delay(1500);
        Assert.Single(_smtp.Messages);
        accept = true;
        await admin.GetByRole(AriaRole.Button, new() { Name = "Generate password" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".notice.success")).ToContainTextAsync("A new password was generated and emailed");
        Assert.Equal(2, dialogs.Count);
        Assert.All(dialogs, message => Assert.Contains("Generate a new password for apollo@creed.com", message, StringComparison.Ordinal));

        // 4. The new email arrives; the old password fails and the new one works.
        var secondPassword = Emails.Password((await _smtp.WaitForAsync(2, TimeSpan.FromSeconds(20)))[1]);
        Assert.False(await SignsInAsync(Apollo, firstPassword));
        Assert.True(await SignsInAsync(Apollo, secondPassword));

        // 5. The meter rises from weak to excellent as stronger passwords are typed, agreeing with the server.
        var estimator = _site.Services.GetRequiredService<PasswordStrengthEstimator>();
        var password = admin.GetByLabel("Password:", new() { Exact = true });
        foreach (var (typed, level) in new[] { ("password", "weak"), ("letmein2024", "acceptable"), ("Nakatomi1988", "average"), ("horse staple", "strong"), ("correct horse battery staple", "excellent") })
        {
            await password.FillAsync(typed);
            await Assertions.Expect(admin.Locator("#password-strength")).ToHaveAttributeAsync("data-level", level);
            Assert.Equal(level, PasswordStrength.Name(estimator.Estimate(typed, ["Apollo", "Creed", Apollo]).Level));
            if (level == "weak")
            {
                await Assertions.Expect(admin.Locator(".strength-advice li").First).ToBeVisibleAsync();
                await Screenshot.SaveAsync(admin, "login-details-meter-weak");
            }
        }

        await Assertions.Expect(admin.Locator(".strength-advice li")).ToHaveCountAsync(0);

        // 6. Save a strong one and sign in with it.
        await password.FillAsync("horse staple");
        await admin.GetByLabel("Confirm password:").FillAsync("horse staple");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.Locator(".notice.success")).ToContainTextAsync("The password was saved and emailed");
        Assert.Equal("horse staple", Emails.Password((await _smtp.WaitForAsync(3, TimeSpan.FromSeconds(20)))[2]));
        Assert.True(await SignsInAsync(Apollo, "horse staple"));
        Assert.False(await SignsInAsync(Apollo, secondPassword));
        await Assertions.Expect(admin.Locator("#login-history tbody tr")).ToHaveCountAsync(3);

        // The tips link opens the module's help page.
        var tips = await admin.Context.RunAndWaitForPageAsync(() => admin.GetByRole(AriaRole.Link, new() { Name = "tips to create a strong password" }).ClickAsync());
        await Assertions.Expect(tips.Locator("h1")).ToHaveTextAsync("Tips to create a strong password");
        await admin.CloseAsync();
    }

    private async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync(new Uri(_site.RootUri, "/admin/login").ToString());
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Signs in as the customer in a fresh browser: a wrong password keeps the sign-in page and says so.</summary>
    private async Task<bool> SignsInAsync(string email, string password)
    {
        var page = await chromium.NewPageAsync(_site.Secrets);
        try
        {
            await SignInAsync(page, email, password);
            // Either the signed-in header or the sign-in page's error appears; whichever it is decides.
            await page.Locator(".topbar .who, .validation-summary li").First.WaitForAsync();
            if (await page.Locator(".validation-summary li").CountAsync() > 0)
            {
                await Assertions.Expect(page.Locator(".validation-summary")).ToContainTextAsync("The email or password is incorrect.");
                return false;
            }

            await Assertions.Expect(page.Locator(".topbar .who")).ToHaveTextAsync(email);
            return true;
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
