using System.Net;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Tests.Integration;

/// <summary>The Login details tab over real HTTP, with email delivered to a real SMTP server. Runs per provider.</summary>
public abstract class LoginDetailsTests : IAsyncLifetime
{
    protected const string Apollo = "apollo@creed.com";
    protected const string Frank = "frank@martin.com";
    private TestSite? _site;
    private SiteClient? _admin;

    protected SmtpTestServer Smtp { get; private set; } = null!;
    protected TestSite Site => _site!;
    protected SiteClient Admin => _admin!;

    protected abstract Task<TestSiteOptions> SiteOptionsAsync();

    public async Task InitializeAsync()
    {
        Smtp = await SmtpTestServer.StartAsync();
        _site = await TestSite.StartAsync((await SiteOptionsAsync()) with
        {
            Smtp = Smtp,
            Settings = new Dictionary<string, string> { ["CommerceCustomers:Accounts:SessionRevalidationInterval"] = "00:00:00" },
        });
        _admin = _site.CreateSiteClient();
        await _admin.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);
    }

    public async Task DisposeAsync()
    {
        _admin?.Dispose();
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }

        await Smtp.DisposeAsync();
    }

    [Fact]
    public async Task The_tab_shows_the_documented_labels_for_an_unregistered_and_a_registered_customer()
    {
        var unregistered = WebUtility.HtmlDecode(await Admin.GetPageAsync($"/admin/customers/{await IdAsync(Apollo)}/login-details"));
        Assert.Contains("Email (user name):", unregistered, StringComparison.Ordinal);
        Assert.Contains(">Create login</button>", unregistered, StringComparison.Ordinal);
        Assert.Contains("Customer will be notified by email containing a generated password.", unregistered, StringComparison.Ordinal);

        var registered = WebUtility.HtmlDecode(await Admin.GetPageAsync($"/admin/customers/{await IdAsync(Frank)}/login-details"));
        foreach (var text in new[] { ">Save</button>", ">Generate password</button>", "Email (user name):", "Password:", "Password strength:", "Confirm password:", "Customer will be notified by email.", "tips to create a strong password", "we recommend that you use at least <strong>strong</strong>" })
        {
            Assert.Contains(text, registered, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Create_login_registers_the_customer_and_emails_a_password_that_works()
    {
        var id = await IdAsync(Apollo);

        using var response = await PostAsync(id, ("Action", "create"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("A login was created for apollo@creed.com.", await Admin.GetPageAsync(response.Headers.Location!.OriginalString), StringComparison.Ordinal);
        var email = Assert.Single(await Smtp.WaitForAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal([Apollo], email.To);
        Assert.Contains($"User name: {Apollo}", email.TextBody, StringComparison.Ordinal);
        var password = Emails.Password(email);
        Assert.Equal(16, password.Length);

        Assert.True(await SignsInAsync(Apollo, password));
        var row = Assert.Single(Html.CustomerRows(await Admin.GetPageAsync("/admin/customers?q=apollo")));
        Assert.Equal("Yes", row[6]);
        var audit = await Site.WithDbAsync(db => db.LoginAudits.SingleAsync(a => a.CustomerId == id));
        Assert.Equal((LoginAuditAction.LoginCreated, TestSite.AdminEmail), (audit.Action, audit.ActorName));
        Assert.NotNull(audit.NotificationId);
    }

    [Fact]
    public async Task Create_login_is_refused_with_a_message_by_the_field_and_changes_nothing()
    {
        var noEmail = await AddCustomerAsync(new Customer { LastName = "Nomail", CreatedUtc = DateTime.UtcNow });
        var badEmail = await AddCustomerAsync(new Customer { LastName = "Bad", Email = "bad@nowhere", CreatedUtc = DateTime.UtcNow });
        var taken = await AddCustomerAsync(new Customer { LastName = "Taken", Email = "taken@example.com", CreatedUtc = DateTime.UtcNow });
        await Site.WithDbAsync(async (_, services) =>
            (await services.GetRequiredService<UserManager<ShopUser>>().CreateAsync(new ShopUser { UserName = "taken@example.com", Email = "taken@example.com" })).Succeeded);
        var before = await SnapshotAsync();

        foreach (var (id, field, message) in new[]
        {
            (noEmail, "Email", "The customer has no email"),
            (badEmail, "Email", "is not a valid address"),
            (taken, "Email", "Another login already uses the email taken@example.com."),
            (await IdAsync(Frank), "", "The customer already has a login."),
        })
        {
            using var response = await PostAsync(id, ("Action", "create"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Contains(message, field.Length > 0 ? WebUtility.HtmlDecode(Html.FieldError(page, field)) : page, StringComparison.Ordinal);
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Fifty_parallel_create_login_requests_make_one_user_one_link_and_one_email()
    {
        var id = await IdAsync(Apollo);
        const string normalized = "APOLLO@CREED.COM";
        var form = await Admin.GetPageAsync($"/admin/customers/{id}/login-details");
        var token = SiteClient.AntiforgeryToken(form);
        var stamp = await Site.WithDbAsync(db => db.Customers.Where(c => c.Id == id).Select(c => c.ConcurrencyStamp).SingleAsync());

        // The unique index on the user name decides the race: EF logs each losing insert as the error it is.
        Site.Logs.Expect("Microsoft.EntityFrameworkCore.Database.Command", "INSERT INTO \"AspNetUsers\"")
            .Expect("Microsoft.EntityFrameworkCore.Update", "UserNameIndex").Expect("Microsoft.EntityFrameworkCore.Update", "AspNetUsers.NormalizedUserName");
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var content = new FormUrlEncodedContent([new("Action", "create"), new("ConcurrencyStamp", stamp), new("__RequestVerificationToken", token)]);
            using var response = await Admin.Http.PostAsync(new Uri($"/admin/customers/{id}/login-details", UriKind.Relative), content);
            return response.StatusCode;
        }));

        Assert.DoesNotContain(HttpStatusCode.InternalServerError, responses);
        Assert.Equal(1, responses.Count(status => status == HttpStatusCode.Redirect));
        Assert.Equal(1, await Site.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedUserName == normalized)));
        Assert.Equal(1, await Site.WithDbAsync(db => db.Notifications.CountAsync(n => n.CustomerId == id)));
        Assert.Equal(1, await Site.WithDbAsync(db => db.LoginAudits.CountAsync(a => a.CustomerId == id)));
        var userId = await Site.WithDbAsync(db => db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => u.Id).SingleAsync());
        Assert.Equal(userId, await Site.WithDbAsync(db => db.Customers.Where(c => c.Id == id).Select(c => c.UserId).SingleAsync()));
        await Smtp.WaitForAsync(1, TimeSpan.FromSeconds(20));
        await Task.Delay(1000);
        Assert.Single(Smtp.Messages);
        // Nothing else went wrong: every error logged is a losing insert of the same user.
        Assert.All(Site.Logs.Errors, line => Assert.True(line.Contains("AspNetUsers", StringComparison.Ordinal) || line.Contains("UserNameIndex", StringComparison.Ordinal), line));
    }

    [Fact]
    public async Task Generate_password_emails_a_new_password_and_the_old_one_stops_working()
    {
        var id = await IdAsync(Apollo);
        using (var created = await PostAsync(id, ("Action", "create")))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var first = Emails.Password((await Smtp.WaitForAsync(1, TimeSpan.FromSeconds(20)))[0]);
        var stampBefore = await SecurityStampAsync(Apollo);

        using var generated = await PostAsync(id, ("Action", "generate"));

        Assert.Equal(HttpStatusCode.Redirect, generated.StatusCode);
        var email = (await Smtp.WaitForAsync(2, TimeSpan.FromSeconds(20)))[1];
        Assert.Equal("Your new password for Test shop", email.Subject);
        var second = Emails.Password(email);
        Assert.NotEqual(first, second);
        Assert.False(await SignsInAsync(Apollo, first));
        Assert.True(await SignsInAsync(Apollo, second));
        Assert.NotEqual(stampBefore, await SecurityStampAsync(Apollo));
        Assert.Equal([LoginAuditAction.LoginCreated, LoginAuditAction.PasswordGenerated],
            await Site.WithDbAsync(db => db.LoginAudits.Where(a => a.CustomerId == id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync()));
    }

    [Theory]
    [InlineData("", "", "Password", "Enter the new password")]
    [InlineData("Correct-Horse-Battery-9", "Correct-Horse-Battery-8", "ConfirmPassword", "The passwords do not match.")]
    [InlineData("password", "password", "Password", "The password is weak; it must be at least average.")]
    [InlineData("frankmartin", "frankmartin", "Password", "The password is acceptable; it must be at least average.")]
    [InlineData("Ab1!x", "Ab1!x", "Password", "Passwords must be at least 8 characters.")]
    public async Task Save_refuses_bad_passwords_next_to_the_field_and_changes_nothing(string password, string confirm, string field, string message)
    {
        var id = await IdAsync(Frank);
        var before = await SnapshotAsync();

        using var response = await PostAsync(id, ("Action", "save"), ("Password", password), ("ConfirmPassword", confirm));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, WebUtility.HtmlDecode(Html.FieldError(page, field)), StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{password}\"", page, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Disable_login_ends_the_customers_sessions_and_no_password_opens_it_until_enabled()
    {
        var id = await IdAsync(Frank);
        await SetPasswordDirectlyAsync(Frank, "Old-Secret-Pass-77");
        using var frank = Site.CreateSiteClient();
        await frank.SignInAsync(Frank, "Old-Secret-Pass-77");
        Assert.Equal(HttpStatusCode.OK, (await frank.GetAsync("/account")).StatusCode);
        Assert.Contains("Last signed in ", WebUtility.HtmlDecode(await Admin.GetPageAsync($"/admin/customers/{id}/login-details")), StringComparison.Ordinal);
        Assert.Contains("No sign-in in the kept history.", WebUtility.HtmlDecode(await Admin.GetPageAsync($"/admin/customers/{await IdAsync("john@mcclane.com")}/login-details")), StringComparison.Ordinal);

        using (var disabled = await PostAsync(id, ("Action", "disable"), ("DisableReason", "Chargebacks on three orders")))
        {
            Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        }

        // The open session ends at its next request; the right password now reads like a wrong one.
        Assert.StartsWith("/account/login", Html.RedirectPath(await frank.GetAsync("/account")), StringComparison.Ordinal);
        Assert.False(await SignsInAsync(Frank, "Old-Secret-Pass-77"));
        using (var visitor = Site.CreateSiteClient())
        using (var refused = await visitor.PostFormAsync("/account/login", [new("Email", Frank), new("Password", "Old-Secret-Pass-77")]))
        {
            Assert.Contains("The email or password is incorrect.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        // The list says so on the customer's row, and only there.
        var rows = Html.CustomerRows(await Admin.GetPageAsync("/admin/customers?q=martin"));
        Assert.Equal("Yes (login disabled)", Assert.Single(rows, row => row[4] == Frank)[^1]);
        Assert.DoesNotContain("login disabled", await Admin.GetPageAsync("/admin/customers?q=apollo"), StringComparison.Ordinal);

        var tab = WebUtility.HtmlDecode(await Admin.GetPageAsync($"/admin/customers/{id}/login-details"));
        Assert.Contains("Login disabled", tab, StringComparison.Ordinal);
        Assert.Contains("Chargebacks on three orders", tab, StringComparison.Ordinal);
        Assert.Contains("value=\"enable\"", tab, StringComparison.Ordinal);
        var audit = await Site.WithDbAsync(db => db.LoginAudits.AsNoTracking().Where(a => a.CustomerId == id).OrderBy(a => a.Id).LastAsync());
        Assert.Equal((LoginAuditAction.LoginDisabled, "Chargebacks on three orders", TestSite.AdminEmail), (audit.Action, audit.Details, audit.ActorName));

        // A password reset does not open it either.
        Assert.True(await SetPasswordDirectlyAsync(Frank, "Fresh-Secret-Pass-88"));
        Assert.False(await SignsInAsync(Frank, "Fresh-Secret-Pass-88"));

        using (var enabled = await PostAsync(id, ("Action", "enable")))
        {
            Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        }

        Assert.True(await SignsInAsync(Frank, "Fresh-Secret-Pass-88"));
        Assert.Equal(LoginAuditAction.LoginEnabled, await Site.WithDbAsync(db => db.LoginAudits.Where(a => a.CustomerId == id).OrderBy(a => a.Id).Select(a => a.Action).LastAsync()));
    }

    [Fact]
    public async Task Reset_two_factor_for_a_lost_phone_turns_the_app_off_ends_sessions_writes_history_and_emails_the_owner()
    {
        var id = await IdAsync(Frank);
        await SetPasswordDirectlyAsync(Frank, "Old-Secret-Pass-77");
        using var frank = Site.CreateSiteClient();
        await frank.SignInAsync(Frank, "Old-Secret-Pass-77");

        // Nothing to reset yet: refused, and the button is not offered.
        var before = await SnapshotAsync();
        using (var nothing = await PostAsync(id, ("Action", "reset-two-factor")))
        {
            Assert.Contains("no authenticator app and no passkey to reset", WebUtility.HtmlDecode(await nothing.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.Equal(before, await SnapshotAsync());
        var tab = WebUtility.HtmlDecode(await Admin.GetPageAsync($"/admin/customers/{id}/login-details"));
        Assert.Contains("Signs in with: a password; no authenticator app; 0 passkeys.", tab, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"reset-two-factor\"", tab, StringComparison.Ordinal);

        await TwoFactorClient.EnableAsync(frank, DateTimeOffset.UtcNow);
        tab = WebUtility.HtmlDecode(await Admin.GetPageAsync($"/admin/customers/{id}/login-details"));
        Assert.Contains("Signs in with: a password; an authenticator app; 0 passkeys.", tab, StringComparison.Ordinal);
        using (var reset = await PostAsync(id, ("Action", "reset-two-factor")))
        {
            Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        }

        // The session ends; the password alone signs in again; the history and the owner's inbox say so.
        Assert.StartsWith("/account/login", Html.RedirectPath(await frank.GetAsync("/account")), StringComparison.Ordinal);
        Assert.True(await SignsInAsync(Frank, "Old-Secret-Pass-77"));
        var audit = await Site.WithDbAsync(db => db.LoginAudits.AsNoTracking().Where(a => a.CustomerId == id).OrderBy(a => a.Id).LastAsync());
        Assert.Equal((LoginAuditAction.TwoFactorReset, TestSite.AdminEmail), (audit.Action, audit.ActorName));
        Assert.True(await Site.WithDbAsync(db => db.Notifications.AnyAsync(n => n.RecipientEmail == Frank && n.Template == Commerce.Customers.Notifications.EmailTemplateDefinitions.TwoFactorReset)));
        Assert.False(await TestAccounts.WithUserAsync(Site, Frank, (_, user) => Task.FromResult(user.TwoFactorEnabled)));
    }

    [Fact]
    public async Task Disable_login_without_a_good_reason_or_on_ones_own_login_is_refused_and_changes_nothing()
    {
        var id = await IdAsync(Frank);
        var before = await SnapshotAsync();
        foreach (var (reason, message) in new[]
        {
            ("", "Say why the login is disabled"),
            ("   ", "Say why the login is disabled"),
            (new string('x', 501), "Keep the reason within 500 characters."),
            ("bad\u0007reason", "cannot be shown"),
        })
        {
            using var refused = await PostAsync(id, ("Action", "disable"), ("DisableReason", reason));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(message, WebUtility.HtmlDecode(Html.FieldError(await refused.Content.ReadAsStringAsync(), "DisableReason")), StringComparison.Ordinal);
        }

        using (var notDisabled = await PostAsync(id, ("Action", "enable")))
        {
            Assert.Contains("The login is not disabled.", WebUtility.HtmlDecode(await notDisabled.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        // The administrator's own login, reached through a customer record that holds it.
        var own = await Site.WithDbAsync(async db =>
        {
            var adminId = await db.Users.Where(u => u.Email == TestSite.AdminEmail).Select(u => u.Id).SingleAsync();
            var customer = await db.Customers.SingleOrDefaultAsync(c => c.UserId == adminId);
            if (customer is null)
            {
                customer = new Customer { LastName = "Administrator", Email = TestSite.AdminEmail, UserId = adminId, CreatedUtc = DateTime.UtcNow };
                db.Customers.Add(customer);
                await db.SaveChangesAsync();
            }

            return customer.Id;
        });
        before = await SnapshotAsync();
        using (var self = await PostAsync(own, ("Action", "disable"), ("DisableReason", "Testing")))
        {
            Assert.Contains("This is your own login", WebUtility.HtmlDecode(await self.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.Equal(before, await SnapshotAsync());
        Assert.True(await SignsInAsync(TestSite.AdminEmail, TestSite.AdminPassword));
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_every_session_of_the_customer_and_keeps_the_login()
    {
        var id = await IdAsync(Frank);
        await SetPasswordDirectlyAsync(Frank, "Old-Secret-Pass-77");
        using var phone = Site.CreateSiteClient();
        using var laptop = Site.CreateSiteClient();
        await phone.SignInAsync(Frank, "Old-Secret-Pass-77");
        await laptop.SignInAsync(Frank, "Old-Secret-Pass-77");

        using (var signedOut = await PostAsync(id, ("Action", "sign-out")))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
            Assert.Contains("Every session of frank@martin.com has ended.", WebUtility.HtmlDecode(await Admin.GetPageAsync(signedOut.Headers.Location!.OriginalString)), StringComparison.Ordinal);
        }

        Assert.StartsWith("/account/login", Html.RedirectPath(await phone.GetAsync("/account")), StringComparison.Ordinal);
        Assert.StartsWith("/account/login", Html.RedirectPath(await laptop.GetAsync("/account")), StringComparison.Ordinal);
        Assert.True(await SignsInAsync(Frank, "Old-Secret-Pass-77"));
        Assert.Equal(LoginAuditAction.SignedOutEverywhere, await Site.WithDbAsync(db => db.LoginAudits.Where(a => a.CustomerId == id).OrderBy(a => a.Id).Select(a => a.Action).LastAsync()));
    }

    [Fact]
    public async Task Identitys_own_refusals_speak_the_viewers_language()
    {
        var id = await IdAsync(Frank);
        var before = await SnapshotAsync();
        Admin.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE,de;q=0.9");

        using var response = await PostAsync(id, ("Action", "save"), ("Password", "Ab1!x"), ("ConfirmPassword", "Ab1!x"));

        var error = WebUtility.HtmlDecode(Html.FieldError(await response.Content.ReadAsStringAsync(), "Password"));
        Assert.Contains("Passwörter müssen mindestens 8 Zeichen lang sein.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("characters", error, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Save_sets_a_typed_password_emails_it_and_ends_the_customers_other_sessions()
    {
        var id = await IdAsync(Frank);
        const string typed = "Violet-Canoe-Thunder-42";
        await SetPasswordDirectlyAsync(Frank, "Old-Secret-Pass-77");
        using var customerSession = Site.CreateSiteClient();
        await customerSession.SignInAsync(Frank, "Old-Secret-Pass-77");
        Assert.Equal("/admin/access-denied", Html.RedirectPath(await customerSession.GetAsync("/admin/customers")));

        using var response = await PostAsync(id, ("Action", "save"), ("Password", typed), ("ConfirmPassword", typed));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var email = Assert.Single(await Smtp.WaitForAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal(typed, Emails.Password(email));
        Assert.True(await SignsInAsync(Frank, typed));
        // The old cookie's security stamp no longer matches: that session is over.
        Assert.Equal("/admin/login", Html.RedirectPath(await customerSession.GetAsync("/admin/customers")));
        Assert.Equal(LoginAuditAction.PasswordSet, await Site.WithDbAsync(db => db.LoginAudits.Where(a => a.CustomerId == id).Select(a => a.Action).SingleAsync()));
    }

    [Fact]
    public async Task Admins_acting_at_once_leave_the_customers_last_email_with_the_password_in_effect()
    {
        var id = await IdAsync(Frank);
        var token = SiteClient.AntiforgeryToken(await Admin.GetPageAsync($"/admin/customers/{id}/login-details"));

        var statuses = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            var fields = i % 2 == 0
                ? new List<KeyValuePair<string, string>> { new("Action", "generate") }
                : [new("Action", "save"), new("Password", $"Typed-Password-{i}-Zebra"), new("ConfirmPassword", $"Typed-Password-{i}-Zebra")];
            fields.Add(new("__RequestVerificationToken", token));
            using var content = new FormUrlEncodedContent(fields);
            using var response = await Admin.Http.PostAsync(new Uri($"/admin/customers/{id}/login-details", UriKind.Relative), content);
            return response.StatusCode;
        }));

        Assert.DoesNotContain(HttpStatusCode.InternalServerError, statuses);
        var committed = statuses.Count(status => status == HttpStatusCode.Redirect);
        Assert.InRange(committed, 1, 10);
        var queued = await Site.WithDbAsync(db => db.Notifications.Where(n => n.CustomerId == id).OrderBy(n => n.CreatedUtc).ThenBy(n => n.Id).Select(n => n.MessageId).ToListAsync());
        Assert.Equal(committed, queued.Count);
        await Smtp.WaitForAsync(committed, TimeSpan.FromSeconds(30));
        var last = Smtp.Messages.Single(message => message.MessageId == queued[^1]);
        Assert.True(await SignsInAsync(Frank, Emails.Password(last)), "The last email's password must be the one in effect.");
    }

    [Fact]
    public async Task In_link_mode_no_password_is_emailed_and_the_link_sets_one_once()
    {
        await SetSettingsAsync(("MinimumPasswordStrength", "Strong"), ("NotificationMode", "EmailSetPasswordLink"));
        var id = await IdAsync(Apollo);

        using (var created = await PostAsync(id, ("Action", "create")))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var email = Assert.Single(await Smtp.WaitForAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal("Set your password for Test shop", email.Subject);
        Assert.DoesNotContain("Password:", email.TextBody, StringComparison.Ordinal);
        var (user, token, link) = Emails.SetPasswordLink(email);
        Assert.DoesNotContain("token=", new Uri(link).Query, StringComparison.Ordinal);

        using var visitor = Site.CreateSiteClient();
        const string chosen = "Lantern-Orchard-Quartz-19";
        using (var weak = await visitor.PostFormAsync("/account/set-password", [new("User", user), new("Token", token), new("Password", "Apollo1985!"), new("ConfirmPassword", "Apollo1985!")]))
        {
            Assert.Contains("it must be at least strong", WebUtility.HtmlDecode(Html.FieldError(await weak.Content.ReadAsStringAsync(), "Password")), StringComparison.Ordinal);
        }

        using (var set = await visitor.PostFormAsync("/account/set-password", [new("User", user), new("Token", token), new("Password", chosen), new("ConfirmPassword", chosen)]))
        {
            Assert.Contains("Your password was set.", await set.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.True(await SignsInAsync(Apollo, chosen));
        using (var reused = await visitor.PostFormAsync("/account/set-password", [new("User", user), new("Token", token), new("Password", chosen + "x"), new("ConfirmPassword", chosen + "x")]))
        {
            Assert.Contains("This link has expired or was already used.", WebUtility.HtmlDecode(await reused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var forged = await visitor.PostFormAsync("/account/set-password", [new("User", user), new("Token", token[..^4] + "AAAA"), new("Password", chosen + "y"), new("ConfirmPassword", chosen + "y")]))
        {
            Assert.Contains("This link has expired or was already used.", WebUtility.HtmlDecode(await forged.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.True(await SignsInAsync(Apollo, chosen));
        Assert.DoesNotContain(token, Outbox.SqliteFilesTextOrEmpty(Site), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_login_history_reads_in_the_viewers_language_whoever_wrote_it()
    {
        var id = await IdAsync(Frank);
        using (var generated = await PostAsync(id, ("Action", "generate"), ("RequirePasswordChange", "true")))
        {
            Assert.Equal(HttpStatusCode.Redirect, generated.StatusCode);
        }

        Assert.Contains("<td>Must change the password at next sign-in.</td>", WebUtility.HtmlDecode(await Admin.GetPageAsync($"/admin/customers/{id}/login-details")), StringComparison.Ordinal);
        using var german = Site.CreateSiteClient();
        await german.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);
        german.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        var page = WebUtility.HtmlDecode(await german.GetPageAsync($"/admin/customers/{id}/login-details"));
        Assert.Contains("<td>Muss das Passwort bei der nächsten Anmeldung ändern.</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("{\"s\":", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_required_change_sends_the_customer_to_choose_a_password_before_anything_else()
    {
        var id = await IdAsync(Frank);
        using (var generated = await PostAsync(id, ("Action", "generate"), ("RequirePasswordChange", "true")))
        {
            Assert.Equal(HttpStatusCode.Redirect, generated.StatusCode);
        }

        var password = Emails.Password(Assert.Single(await Smtp.WaitForAsync(1, TimeSpan.FromSeconds(20))));
        using var customer = Site.CreateSiteClient();
        await customer.SignInAsync(Frank, password);
        using (var anyPage = await customer.GetAsync("/admin/customers"))
        {
            Assert.StartsWith("/account/change-password", anyPage.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        const string chosen = "Saffron-Kettle-Meadow-88";
        using (var changed = await customer.PostFormAsync("/account/change-password", [new("CurrentPassword", password), new("Password", chosen), new("ConfirmPassword", chosen), new("ReturnUrl", "/admin")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
            Assert.Equal("/admin", changed.Headers.Location!.OriginalString);
        }

        using (var after = await customer.GetAsync("/admin/customers"))
        {
            Assert.Equal("/admin/access-denied", Html.RedirectPath(after));
        }

        Assert.False(await Site.WithDbAsync(db => db.Users.Where(u => u.Email == Frank).Select(u => u.MustChangePassword).SingleAsync()));
        Assert.True(await SignsInAsync(Frank, chosen));
    }

    [Fact]
    public async Task Staff_without_the_login_permission_neither_see_nor_use_the_tab()
    {
        await Site.WithDbAsync(async (_, services) =>
        {
            var users = services.GetRequiredService<UserManager<ShopUser>>();
            var editor = new ShopUser { UserName = "editor@example.com", Email = "editor@example.com" };
            Assert.True((await users.CreateAsync(editor, "Editor-Passw0rd!")).Succeeded);
            var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
            var role = new IdentityRole("Editors");
            await roles.CreateAsync(role);
            await roles.AddClaimAsync(role, new System.Security.Claims.Claim(Permissions.ClaimType, Permissions.ManageCustomers.Name));
            return (await users.AddToRoleAsync(editor, "Editors")).Succeeded;
        });
        using var editorClient = Site.CreateSiteClient();
        await editorClient.SignInAsync("editor@example.com", "Editor-Passw0rd!");
        var id = await IdAsync(Apollo);

        var general = await editorClient.GetPageAsync($"/admin/customers/{id}");
        Assert.DoesNotContain("Login details", general, StringComparison.Ordinal);
        using var tab = await editorClient.GetAsync($"/admin/customers/{id}/login-details");
        Assert.Equal(HttpStatusCode.NotFound, tab.StatusCode);
        using var post = await editorClient.PostFormAsync($"/admin/customers/{id}", [new("Action", "create")], postUrl: $"/admin/customers/{id}/login-details");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Null(await Site.WithDbAsync(db => db.Customers.Where(c => c.Id == id).Select(c => c.UserId).SingleAsync()));
    }

    protected Task<int> IdAsync(string email) => Site.WithDbAsync(db => db.Customers.Where(c => c.Email == email).Select(c => c.Id).SingleAsync());

    private async Task<HttpResponseMessage> PostAsync(int id, params (string Field, string Value)[] fields) =>
        await Admin.PostFormAsync($"/admin/customers/{id}/login-details", fields.Select(field => new KeyValuePair<string, string>(field.Field, field.Value)));

    private async Task<bool> SignsInAsync(string email, string password)
    {
        using var client = Site.CreateSiteClient();
        using var response = await client.PostFormAsync("/admin/login", [new("Email", email), new("Password", password)]);
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    private Task<int> AddCustomerAsync(Customer customer) => Site.WithDbAsync(async db =>
    {
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    });

    private Task<string?> SecurityStampAsync(string email) =>
        Site.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.SecurityStamp).SingleAsync());

    private Task<bool> SetPasswordDirectlyAsync(string email, string password) => Site.WithDbAsync(async (_, services) =>
    {
        var users = services.GetRequiredService<UserManager<ShopUser>>();
        var user = await users.FindByEmailAsync(email);
        return (await users.ResetPasswordAsync(user!, await users.GeneratePasswordResetTokenAsync(user!), password)).Succeeded;
    });

    private async Task SetSettingsAsync(params (string Field, string Value)[] fields)
    {
        using var response = await Admin.PostFormAsync("/admin/settings/customer-accounts", fields.Select(field => new KeyValuePair<string, string>(field.Field, field.Value)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Users, customers' links, outbox and audit: what a refused action must leave untouched.</summary>
    private Task<string> SnapshotAsync() => Site.WithDbAsync(async db =>
    {
        var users = await db.Users.OrderBy(u => u.Id).Select(u => $"{u.Id}|{u.UserName}|{u.PasswordHash}|{u.SecurityStamp}").ToListAsync();
        var links = await db.Customers.OrderBy(c => c.Id).Select(c => $"{c.Id}|{c.UserId}").ToListAsync();
        var outbox = await db.Notifications.CountAsync();
        var audits = await db.LoginAudits.CountAsync();
        return string.Join("\n", users.Concat(links)) + $"\n{outbox}|{audits}";
    });
}

[LongRunning(20)]
public sealed class SqliteLoginDetailsTests : LoginDetailsTests
{
    protected override Task<TestSiteOptions> SiteOptionsAsync() => Task.FromResult(new TestSiteOptions());
}

[LongRunning(27)]
public sealed class PostgresLoginDetailsTests(SharedPostgresServer postgres) : LoginDetailsTests, IClassFixture<SharedPostgresServer>
{
    protected override async Task<TestSiteOptions> SiteOptionsAsync() =>
        new() { Provider = DatabaseProvider.PostgreSql, ConnectionString = await postgres.CreateDatabaseAsync("logins") };
}
