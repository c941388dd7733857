using System.Net;
using System.Text.RegularExpressions;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Tests.Integration;

/// <summary>The customer's side: registration, sign-in, forgotten password, My account, members-only.</summary>
[LongRunning(22)]
public sealed partial class CustomerSelfServiceTests : IAsyncLifetime
{
    private const string Apollo = "apollo@creed.com";
    private SmtpTestServer _smtp = null!;
    private TestSite _site = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _site = await TestSite.StartAsync(new TestSiteOptions
        {
            Smtp = _smtp,
            Settings = new Dictionary<string, string>
            {
                ["CommerceCustomers:Accounts:RequestsPerMinutePerIp"] = "1000",
                ["CommerceCustomers:Accounts:SessionRevalidationInterval"] = "00:00:00",
            },
        });
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task With_registration_turned_off_its_page_does_not_exist_and_no_link_leads_there()
    {
        await SetAsync(("EnableRegistration", "false"));
        using var visitor = _site.CreateSiteClient();

        using var page = await visitor.GetAsync("/account/register");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("Create an account", await visitor.GetPageAsync("/account/login"), StringComparison.Ordinal);
        Assert.DoesNotContain("/account/register", await visitor.GetPageAsync("/shop"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_visitor_registers_is_signed_in_and_becomes_a_registered_customer()
    {
        await SetAsync(("EnableRegistration", "true"));
        using var visitor = _site.CreateSiteClient();
        Assert.Contains("Create an account", await visitor.GetPageAsync("/account/login"), StringComparison.Ordinal);
        // The shop's header offers it beside Sign in.
        Assert.Contains("<a class=\"register-link\" href=\"/account/register\">Create an account</a>", await visitor.GetPageAsync("/shop"), StringComparison.Ordinal);

        using var registered = await visitor.PostFormAsync("/account/register",
            [new("Email", "holly@nakatomi.com"), new("FirstName", "Holly"), new("LastName", "Gennero"), new("Company", "Nakatomi"), new("Password", "Violet-Canoe-Thunder-42"), new("ConfirmPassword", "Violet-Canoe-Thunder-42")]);

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var account = await visitor.GetPageAsync("/account");
        Assert.Contains("Welcome! Your account was created.", account, StringComparison.Ordinal);
        Assert.Contains("value=\"Holly\"", account, StringComparison.Ordinal);
        Assert.Contains("No orders yet.", account, StringComparison.Ordinal);
        var customer = await _site.WithDbAsync(db => db.Customers.SingleAsync(c => c.Email == "holly@nakatomi.com"));
        Assert.NotNull(customer.UserId);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/members")).StatusCode);
    }

    [Fact]
    public async Task Registering_with_the_email_of_a_customer_the_shop_created_links_to_that_customer_once_the_email_is_confirmed()
    {
        await SetAsync(("EnableRegistration", "true"));
        var before = await _site.WithDbAsync(db => db.Customers.CountAsync());
        using var visitor = _site.CreateSiteClient();

        using var registered = await visitor.PostFormAsync("/account/register",
            [new("Email", Apollo), new("FirstName", ""), new("LastName", "Creed"), new("Password", "Lantern-Orchard-Quartz-19"), new("ConfirmPassword", "Lantern-Orchard-Quartz-19")]);

        // Until the mailbox is proven, the new account has a record of its own and the shop's stays unregistered.
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal(before + 1, await _site.WithDbAsync(db => db.Customers.CountAsync()));
        Assert.Null(await _site.WithDbAsync(db => db.Customers.OrderBy(c => c.Id).Where(c => c.Email == Apollo).Select(c => c.UserId).FirstAsync()));

        var (user, token, _) = Emails.ConfirmEmailLink(Assert.Single(await _smtp.WaitForAsync(1, TimeSpan.FromSeconds(20))));
        using var confirmed = await visitor.PostFormAsync("/account/confirm-email", [new("User", user), new("Token", token), new("Password", "Lantern-Orchard-Quartz-19")]);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(before, await _site.WithDbAsync(db => db.Customers.CountAsync()));
        var apollo = await _site.WithDbAsync(db => db.Customers.SingleAsync(c => c.Email == Apollo));
        Assert.Equal(user, apollo.UserId);
        Assert.Equal("Apollo", apollo.FirstName);
    }

    [Theory]
    [InlineData("new@example.com", "password", "Password", "The password is weak")]
    [InlineData("not-an-email", "Lantern-Orchard-Quartz-19", "Email", "Enter a valid email address")]
    public async Task Registration_refuses_bad_input_by_the_field_and_creates_nothing(string email, string password, string field, string message)
    {
        await SetAsync(("EnableRegistration", "true"));
        var before = await _site.WithDbAsync(async db => (await db.Customers.CountAsync(), await db.Users.CountAsync()));
        using var visitor = _site.CreateSiteClient();

        using var response = await visitor.PostFormAsync("/account/register", [new("Email", email), new("LastName", "X"), new("Password", password), new("ConfirmPassword", password)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(Html.FieldError(await response.Content.ReadAsStringAsync(), field)), StringComparison.Ordinal);
        Assert.Equal(before, await _site.WithDbAsync(async db => (await db.Customers.CountAsync(), await db.Users.CountAsync())));
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_for_known_and_unknown_emails_and_only_emails_the_known()
    {
        using var visitor = _site.CreateSiteClient();

        var known = await ForgotAsync(visitor, "frank@martin.com");
        var unknown = await ForgotAsync(visitor, "nobody@example.com");
        var malformed = await ForgotAsync(visitor, "not an email");

        Assert.Equal(known, unknown);
        Assert.Equal(known, malformed);
        var email = Assert.Single(await _smtp.WaitForAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal(["frank@martin.com"], email.To);
        Assert.Equal("Reset your password for Test shop", email.Subject);
        await Task.Delay(500);
        Assert.Single(_smtp.Messages);
    }

    [Fact]
    public async Task A_reset_link_sets_a_new_password_once_without_signing_in_and_ends_other_sessions()
    {
        using var visitor = _site.CreateSiteClient();
        using var otherSession = _site.CreateSiteClient();
        await SetFranksPasswordAsync("Old-Secret-Pass-77");
        await otherSession.SignInAsync("frank@martin.com", "Old-Secret-Pass-77");
        await ForgotAsync(visitor, "frank@martin.com");
        var (user, token, _) = Emails.SetPasswordLink(Assert.Single(await _smtp.WaitForAsync(1, TimeSpan.FromSeconds(20))));

        using (var set = await visitor.PostFormAsync("/account/set-password", [new("User", user), new("Token", token), new("Password", "Saffron-Kettle-Meadow-88"), new("ConfirmPassword", "Saffron-Kettle-Meadow-88")]))
        {
            Assert.Contains("Your password was set.", await set.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Not signed in by the reset: My account still asks for a sign-in.
        Assert.StartsWith("/account/login", Html.RedirectPath(await visitor.GetAsync("/account")), StringComparison.Ordinal);
        Assert.StartsWith("/account/login", Html.RedirectPath(await otherSession.GetAsync("/account")), StringComparison.Ordinal);
        Assert.True(await SignsInAsync("frank@martin.com", "Saffron-Kettle-Meadow-88"));

        using var reused = await visitor.PostFormAsync("/account/set-password", [new("User", user), new("Token", token), new("Password", "Another-Kettle-Meadow-99"), new("ConfirmPassword", "Another-Kettle-Meadow-99")]);
        Assert.Contains("This link has expired or was already used.", WebUtility.HtmlDecode(await reused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reset_link_stops_working_after_its_lifetime()
    {
        await using var shortLived = await TestSite.StartAsync(new TestSiteOptions
        {
            Smtp = _smtp,
            Settings = new Dictionary<string, string> { ["CommerceCustomers:Accounts:SetPasswordLinkLifetime"] = "00:00:01" },
        });
        using var visitor = shortLived.CreateSiteClient();
        await ForgotAsync(visitor, "frank@martin.com");
        var (user, token, _) = Emails.SetPasswordLink(Assert.Single(await _smtp.WaitForAsync(1, TimeSpan.FromSeconds(20))));

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using var expired = await visitor.PostFormAsync("/account/set-password", [new("User", user), new("Token", token), new("Password", "Saffron-Kettle-Meadow-88"), new("ConfirmPassword", "Saffron-Kettle-Meadow-88")]);

        Assert.Contains("This link has expired or was already used.", WebUtility.HtmlDecode(await expired.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sites_reset_link_lifetime_setting_overrides_the_configured_default()
    {
        await using var shortLived = await TestSite.StartAsync(new TestSiteOptions
        {
            Smtp = _smtp,
            Settings = new Dictionary<string, string> { ["CommerceCustomers:Accounts:SetPasswordLinkLifetime"] = "00:00:01" },
        });
        using (var admin = shortLived.CreateSiteClient())
        {
            await admin.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);
            using var saved = await admin.PostFormAsync("/admin/settings/customer-accounts",
                [new("MinimumPasswordStrength", "Average"), new("NotificationMode", "EmailPassword"), new("AllowPasswordReset", "true"), new("LinkLifetimeHours", "2")]);
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using var visitor = shortLived.CreateSiteClient();
        await ForgotAsync(visitor, "frank@martin.com");
        var (user, token, _) = Emails.SetPasswordLink(Assert.Single(await _smtp.WaitForAsync(1, TimeSpan.FromSeconds(20))));
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        using var set = await visitor.PostFormAsync("/account/set-password", [new("User", user), new("Token", token), new("Password", "Saffron-Kettle-Meadow-88"), new("ConfirmPassword", "Saffron-Kettle-Meadow-88")]);
        Assert.Contains("Your password was set.", await set.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_emails_to_one_address_are_limited_whoever_asks()
    {
        using var visitor = _site.CreateSiteClient();
        for (var i = 0; i < 6; i++)
        {
            await ForgotAsync(visitor, "frank@martin.com");
        }

        await _smtp.WaitForAsync(3, TimeSpan.FromSeconds(20));
        await Task.Delay(1000);
        Assert.Equal(3, _smtp.Messages.Count);
    }

    [Fact]
    public async Task Requests_beyond_the_per_ip_limit_get_a_clear_429()
    {
        await using var limited = await TestSite.StartAsync(new TestSiteOptions
        {
            Settings = new Dictionary<string, string> { ["CommerceCustomers:Accounts:RequestsPerMinutePerIp"] = "3" },
        });
        using var visitor = limited.CreateSiteClient();
        var token = SiteClient.AntiforgeryToken(await visitor.GetPageAsync("/account/forgot-password"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var content = new FormUrlEncodedContent([new("Email", $"someone{i}@example.com"), new("__RequestVerificationToken", token)]);
            using var response = await visitor.Http.PostAsync(new Uri("/account/forgot-password", UriKind.Relative), content);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("Too many requests", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Customer_sign_in_gives_one_message_for_every_failure_and_holds_back_a_guessing_client()
    {
        await SetFranksPasswordAsync("Old-Secret-Pass-77");
        using var visitor = _site.CreateSiteClient();

        var wrongPassword = await FailedSignInMessageAsync(visitor, "frank@martin.com", "wrong");
        var unknownEmail = await FailedSignInMessageAsync(visitor, "ghost@example.com", "wrong");
        Assert.Equal("The email or password is incorrect. After several wrong passwords, sign-in pauses for a few minutes.", wrongPassword);
        Assert.Equal(wrongPassword, unknownEmail);

        for (var i = 0; i < 4; i++)
        {
            await FailedSignInMessageAsync(visitor, "frank@martin.com", "wrong");
        }

        // Held back (see AbuseGuessingTests): even the right password fails from this client, with the same words.
        Assert.Equal(wrongPassword, await FailedSignInMessageAsync(visitor, "frank@martin.com", "Old-Secret-Pass-77"));
    }

    [Fact]
    public async Task Members_only_pages_send_visitors_to_sign_in_and_refuse_logins_that_are_not_customers()
    {
        using var anonymous = _site.CreateSiteClient();
        using var denied = await anonymous.GetAsync("/members");
        Assert.StartsWith("/account/login", Html.RedirectPath(denied), StringComparison.Ordinal);

        using var admin = _site.CreateSiteClient();
        await admin.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);
        Assert.Equal("/admin/access-denied", Html.RedirectPath(await admin.GetAsync("/members")));

        await SetFranksPasswordAsync("Old-Secret-Pass-77");
        using var frank = _site.CreateSiteClient();
        using (var signIn = await frank.PostFormAsync("/account/login", [new("Email", "frank@martin.com"), new("Password", "Old-Secret-Pass-77"), new("ReturnUrl", "/members")]))
        {
            Assert.Equal("/members", Html.RedirectPath(signIn));
        }

        var members = await frank.GetPageAsync("/members");
        Assert.Contains("Members only", members, StringComparison.Ordinal);
        // Greeted by name, not by the email address the login uses.
        Assert.Contains("Welcome, Frank Martin Jr.!", members, StringComparison.Ordinal);
        Assert.DoesNotContain("/account/register", members, StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_account_updates_the_profile_but_never_the_user_name()
    {
        await SetFranksPasswordAsync("Old-Secret-Pass-77");
        using var frank = _site.CreateSiteClient();
        await frank.PostFormAsync("/account/login", [new("Email", "frank@martin.com"), new("Password", "Old-Secret-Pass-77")]);

        using (var invalid = await frank.PostFormAsync("/account", [new("FirstName", "Frank"), new("LastName", ""), new("Company", ""), new("Phone", "call me")], postUrl: "/account/profile"))
        {
            var page = await invalid.Content.ReadAsStringAsync();
            Assert.Contains("Enter a last name or a company.", Html.FieldError(page, "LastName"), StringComparison.Ordinal);
            Assert.Contains("A phone number may contain only digits", Html.FieldError(page, "Phone"), StringComparison.Ordinal);
        }

        using (var saved = await frank.PostFormAsync("/account", [new("FirstName", "Francis"), new("LastName", "Martin"), new("Company", "The Transporter"), new("Phone", "+33 1 23 45 67 89"), new("Email", "evil@example.com")], postUrl: "/account/profile"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var customer = await _site.WithDbAsync(db => db.Customers.SingleAsync(c => c.Email == "frank@martin.com"));
        Assert.Equal(("Francis", "Martin", "+33 1 23 45 67 89"), (customer.FirstName, customer.LastName, customer.Phone));
    }

    [Fact]
    public async Task Turning_password_reset_off_removes_the_page_and_the_link()
    {
        await SetAsync(("AllowPasswordReset", "false"));
        using var visitor = _site.CreateSiteClient();

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/account/forgot-password")).StatusCode);
        Assert.DoesNotContain("Forgot your password?", await visitor.GetPageAsync("/account/login"), StringComparison.Ordinal);
    }

    private async Task SetAsync(params (string Field, string Value)[] changes)
    {
        using var admin = _site.CreateSiteClient();
        await admin.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);
        // Registered visitors sign in at once here; MailboxProofTests covers the confirmation that is on by default.
        var fields = new Dictionary<string, string> { ["MinimumPasswordStrength"] = "Average", ["NotificationMode"] = "EmailPassword", ["AllowPasswordReset"] = "true", ["RequireEmailConfirmation"] = "false" };
        foreach (var (field, value) in changes)
        {
            fields[field] = value;
        }

        using var response = await admin.PostFormAsync("/admin/settings/customer-accounts", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<string> ForgotAsync(SiteClient client, string email)
    {
        using var response = await client.PostFormAsync("/account/forgot-password", [new("Email", email)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        // Everything but the echoed email and the per-response token must be identical.
        return TokenPattern().Replace(page.Replace(WebUtility.HtmlEncode(email), "", StringComparison.Ordinal), "");
    }

    private async Task<string> FailedSignInMessageAsync(SiteClient client, string email, string password)
    {
        using var response = await client.PostFormAsync("/account/login", [new("Email", email), new("Password", password)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var match = SummaryPattern().Match(await response.Content.ReadAsStringAsync());
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private async Task<bool> SignsInAsync(string email, string password)
    {
        using var client = _site.CreateSiteClient();
        using var response = await client.PostFormAsync("/account/login", [new("Email", email), new("Password", password)]);
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    private Task<bool> SetFranksPasswordAsync(string password) => _site.WithDbAsync(async (_, services) =>
    {
        var users = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Models.ShopUser>>(services);
        var user = await users.FindByEmailAsync("frank@martin.com");
        return (await users.ResetPasswordAsync(user!, await users.GeneratePasswordResetTokenAsync(user!), password)).Succeeded;
    });

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<li>(.*?)</li>")]
    private static partial Regex SummaryPattern();
}
