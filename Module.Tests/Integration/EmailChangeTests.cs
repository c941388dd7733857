using System.Net;
using Commerce.Customers.Models;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// Issue 16's email change by the customer, over real HTTP with antiforgery tokens and a real SMTP
/// server: a link to the new address makes the change, the old address is told and may report it.
/// The whole flow runs on SQLite and PostgreSQL; the abuse cases on SQLite.
/// </summary>
public abstract class EmailChangeFlowTests(SmtpSite fixture)
{
    protected const string ConfirmSubject = "Confirm your new email address for Test shop";
    protected const string ChangedSubject = "Your account at Test shop has a new email address";
    protected const string ReportedSubject = "A customer reports an email change they did not make at Test shop";
    protected const string Expired = "This link has expired or was already used.";
    protected const string NewPassword = "Saffron-Kettle-Meadow-88";

    protected TestSite Site => fixture.Site;

    protected SmtpTestServer Smtp => fixture.Smtp;

    [Fact]
    public async Task A_customer_changes_their_email_by_a_link_to_the_new_address_and_the_old_address_may_report_it()
    {
        var old = await AccountAsync("mover");
        var fresh = Unique("moved");
        using var phone = await SignedInAsync(old);
        using var laptop = await SignedInAsync(old);
        using var visitor = Site.CreateSiteClient();
        (await visitor.PostFormAsync("/account/forgot-password", [new("Email", old)])).Dispose();
        var reset = Emails.SetPasswordLink(await Smtp.EmailToAsync(old, "Reset your password for Test shop"));

        Assert.Contains("href=\"/account/email\"", await phone.GetPageAsync("/account"), StringComparison.Ordinal);
        using (var asked = await phone.PostFormAsync("/account/email", [new("Email", fresh), new("CurrentPassword", TestAccounts.Password)]))
        {
            Assert.Equal("/account", Html.RedirectPath(asked));
        }

        Assert.Contains($"We sent a link to {fresh}.", Decoded(await phone.GetPageAsync("/account")), StringComparison.Ordinal);
        var (user, email, token) = Emails.ChangeEmailLink(await Smtp.EmailToAsync(fresh, ConfirmSubject));
        Assert.Equal(fresh, email);

        // Opening the link, as a mail scanner does, changes nothing: only the button does.
        Assert.Contains("name=\"Token\"", await phone.GetPageAsync("/account/email/confirm"), StringComparison.Ordinal);
        Assert.Equal(old, (await LoginAsync(user)).Email);
        using (var confirmed = await phone.PostFormAsync("/account/email/confirm", [new("User", user), new("Email", email), new("Token", token)]))
        {
            Assert.Equal("/account", Html.RedirectPath(confirmed));
        }

        Assert.Contains($"Your email address is now {fresh}.", Decoded(await phone.GetPageAsync("/account")), StringComparison.Ordinal);
        var login = await LoginAsync(user);
        Assert.Equal((fresh, fresh, true), (login.UserName, login.Email, login.EmailConfirmed));
        Assert.Equal(fresh, await Site.WithDbAsync(db => db.Customers.Where(c => c.UserId == user).Select(c => c.Email).SingleAsync()));
        Assert.StartsWith("/account/login", Html.RedirectPath(await laptop.GetAsync("/account")), StringComparison.Ordinal);
        Assert.True(await SignsInAsync(fresh, TestAccounts.Password));
        Assert.False(await SignsInAsync(old, TestAccounts.Password));
        using (var replayed = await phone.PostFormAsync("/account/email/confirm", [new("User", user), new("Email", email), new("Token", token)]))
        {
            Assert.Contains(Expired, Decoded(await replayed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var set = await visitor.PostFormAsync("/account/set-password", [new("User", reset.User), new("Token", reset.Token), new("Password", NewPassword), new("ConfirmPassword", NewPassword)]))
        {
            Assert.Contains(Expired, Decoded(await set.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        // The old address is told, without the new one, with a way to say it was not them.
        var notice = await Smtp.EmailToAsync(old, ChangedSubject);
        Assert.DoesNotContain(fresh, notice.TextBody + notice.HtmlBody, StringComparison.OrdinalIgnoreCase);
        var stored = await Site.WithDbAsync(db => db.Notifications.Where(n => n.RecipientEmail == old && n.Template == "EmailChanged").Select(n => n.ModelJson).SingleAsync());
        Assert.False(stored.Contains(fresh, StringComparison.OrdinalIgnoreCase), stored);
        var report = Emails.ReportEmailChangeLink(notice);
        using var oldMailbox = Site.CreateSiteClient();
        Assert.Contains("name=\"Token\"", await oldMailbox.GetPageAsync("/account/email/report"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/account")).StatusCode);
        using (var reported = await oldMailbox.PostFormAsync("/account/email/report", [new("User", report.User), new("Email", report.Email), new("Token", report.Token)]))
        {
            Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
            Assert.Contains("We have signed the account out everywhere and told the shop's staff.", Decoded(await reported.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.StartsWith("/account/login", Html.RedirectPath(await phone.GetAsync("/account")), StringComparison.Ordinal);
        var staff = await Smtp.EmailToAsync(TestSite.AdminEmail, ReportedSubject, where: m => m.TextBody.Contains(old, StringComparison.Ordinal));
        Assert.Contains(fresh, staff.TextBody, StringComparison.Ordinal);
        // Staff decide: the report gives the old address nothing back by itself.
        Assert.Equal(fresh, (await LoginAsync(user)).Email);
        Assert.Equal(
            [LoginAuditAction.EmailChangedByCustomer, LoginAuditAction.SignedOutEverywhere, LoginAuditAction.EmailChangeReported],
            (await HistoryAsync(user)).Where(action => action != LoginAuditAction.PasswordResetRequested));
        using (var again = await oldMailbox.PostFormAsync("/account/email/report", [new("User", report.User), new("Email", report.Email), new("Token", report.Token)]))
        {
            Assert.Contains(Expired, Decoded(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
    }

    protected static string Unique(string name) => $"{name}.{Guid.NewGuid().ToString("N")[..8]}@example.com";

    protected static string Decoded(string html) => WebUtility.HtmlDecode(html);

    protected async Task<string> AccountAsync(string name) => await TestAccounts.CreateAsync(Site, Unique(name));

    protected async Task<SiteClient> SignedInAsync(string email, string password = TestAccounts.Password)
    {
        var client = Site.CreateSiteClient();
        await client.SignInAsync(email, password);
        return client;
    }

    protected async Task<bool> SignsInAsync(string email, string password)
    {
        using var client = Site.CreateSiteClient();
        return await LoginActions.SignsInAsync(client, email, password);
    }

    /// <summary>Asks for the change and returns the link the new address receives.</summary>
    protected async Task<(string User, string Email, string Token)> RequestAsync(SiteClient client, string newEmail, string password = TestAccounts.Password)
    {
        using (var asked = await client.PostFormAsync("/account/email", [new("Email", newEmail), new("CurrentPassword", password)]))
        {
            Assert.Equal("/account", Html.RedirectPath(asked));
        }

        return Emails.ChangeEmailLink(await Smtp.EmailToAsync(newEmail, ConfirmSubject));
    }

    protected Task<HttpResponseMessage> ConfirmAsync(SiteClient client, (string User, string Email, string Token) link) =>
        client.PostFormAsync("/account/email/confirm", [new("User", link.User), new("Email", link.Email), new("Token", link.Token)]);

    protected Task<ShopUser> LoginAsync(string userId) => Site.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == userId));

    protected Task<ShopUser> LoginByEmailAsync(string email)
    {
        var normalized = email.ToUpperInvariant();
        return Site.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.NormalizedEmail == normalized));
    }

    protected Task<List<LoginAuditAction>> HistoryAsync(string userId) =>
        Site.WithDbAsync(db => db.LoginAudits.Where(a => a.UserId == userId).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());

    protected Task<int> QueuedToAsync(string email) =>
        Site.WithDbAsync(db => db.Notifications.CountAsync(n => n.RecipientEmail == email));
}

public sealed class SqliteEmailChangeTests(SmtpSite fixture) : EmailChangeFlowTests(fixture), IClassFixture<SmtpSite>
{
    [Fact]
    public async Task Wrong_passwords_change_nothing_and_count_toward_lockout_as_at_change_password()
    {
        var me = await AccountAsync("guesser");
        var wanted = Unique("wanted");
        using var client = await SignedInAsync(me);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await client.PostFormAsync("/account/email", [new("Email", wanted), new("CurrentPassword", $"Not-The-Password-{i}")]);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("The password is incorrect.", Decoded(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var locked = await client.PostFormAsync("/account/email", [new("Email", wanted), new("CurrentPassword", TestAccounts.Password)]))
        {
            Assert.Contains("Too many wrong passwords. Try again in a few minutes.", Decoded(await locked.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.Equal(0, await QueuedToAsync(wanted));
        Assert.NotNull((await LoginByEmailAsync(me)).LockoutEnd);
    }

    [Fact]
    public async Task An_address_in_use_gets_the_same_answer_as_a_free_one_and_only_its_owner_is_told_without_a_link()
    {
        var me = await AccountAsync("prober");
        var owner = await AccountAsync("owner");
        using var client = await SignedInAsync(me);

        var free = await NeutralAnswerAsync(client, Unique("free"));
        Assert.Equal(free, await NeutralAnswerAsync(client, owner));
        Assert.Equal(free, await NeutralAnswerAsync(client, owner.ToUpperInvariant()));
        // A customer of the shop without a login (the demo's Apollo) has the address too.
        Assert.Equal(free, await NeutralAnswerAsync(client, "apollo@creed.com"));
        Assert.DoesNotContain("already", free, StringComparison.OrdinalIgnoreCase);

        var told = await Smtp.EmailToAsync(owner, "Someone tried to use your email address at Test shop");
        Assert.DoesNotContain("token=", told.TextBody + told.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain(me, told.TextBody + told.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await Site.WithDbAsync(db => db.Notifications.CountAsync(n => n.RecipientEmail == "apollo@creed.com" || (n.RecipientEmail == owner && n.HadSecret))));
        Assert.Equal(me, (await LoginByEmailAsync(me)).Email);

        using (var same = await client.PostFormAsync("/account/email", [new("Email", me.ToUpperInvariant()), new("CurrentPassword", TestAccounts.Password)]))
        {
            Assert.Contains("This is already your email address.", Decoded(await same.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var invalid = await client.PostFormAsync("/account/email", [new("Email", "not an address"), new("CurrentPassword", TestAccounts.Password)]))
        {
            Assert.Contains("Enter a valid email address, such as name@example.com.", Decoded(await invalid.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_link_works_only_for_its_own_login_and_address_and_only_until_the_password_changes()
    {
        var me = await AccountAsync("linked");
        var other = await AccountAsync("other");
        using var mine = await SignedInAsync(me);
        using var theirs = await SignedInAsync(other);
        var link = await RequestAsync(mine, Unique("target"));

        using (var elsewhere = await ConfirmAsync(theirs, link))
        {
            Assert.Contains("This link is for another account.", Decoded(await elsewhere.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var otherAddress = await ConfirmAsync(mine, link with { Email = Unique("swapped") }))
        {
            Assert.Contains(Expired, Decoded(await otherAddress.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using var anonymous = Site.CreateSiteClient();
        Assert.StartsWith("/account/login", Html.RedirectPath(await anonymous.GetAsync("/account/email/confirm")), StringComparison.Ordinal);

        // The address is taken by someone else between the request and the link.
        var contested = await RequestAsync(mine, Unique("contested"));
        await TestAccounts.CreateAsync(Site, contested.Email);
        using (var taken = await ConfirmAsync(mine, contested))
        {
            Assert.Contains("Another account uses this address now, so your email was not changed.", Decoded(await taken.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var changed = await mine.PostFormAsync("/account/change-password", [new("CurrentPassword", TestAccounts.Password), new("Password", NewPassword), new("ConfirmPassword", NewPassword)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        using (var afterPasswordChange = await ConfirmAsync(mine, link))
        {
            Assert.Contains(Expired, Decoded(await afterPasswordChange.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.Equal((me, other), ((await LoginByEmailAsync(me)).Email, (await LoginByEmailAsync(other)).Email));
    }

    [Fact]
    public async Task Whoever_took_the_account_cannot_stop_the_old_address_reporting_it_and_staff_who_manage_logins_are_told()
    {
        var victim = await AccountAsync("victim");
        var loginsStaff = await TestAccounts.CreateAsync(Site, Unique("logins-staff"), permissions: Permissions.ManageCustomerLogins);
        var thief = Unique("thief");
        using var attacker = await SignedInAsync(victim);
        using (var moved = await ConfirmAsync(attacker, await RequestAsync(attacker, thief)))
        {
            Assert.Equal("/account", Html.RedirectPath(moved));
        }

        var report = Emails.ReportEmailChangeLink(await Smtp.EmailToAsync(victim, ChangedSubject));
        // A new password and a sign-out both renew the security stamp; the report link outlives them.
        using (var changed = await attacker.PostFormAsync("/account/change-password", [new("CurrentPassword", TestAccounts.Password), new("Password", NewPassword), new("ConfirmPassword", NewPassword)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        (await attacker.PostFormAsync("/account", [], "/account/logout")).Dispose();
        using var again = await SignedInAsync(thief, NewPassword);

        using var owner = Site.CreateSiteClient();
        using (var reported = await owner.PostFormAsync("/account/email/report", [new("User", report.User), new("Email", report.Email), new("Token", report.Token)]))
        {
            Assert.Contains("We have signed the account out everywhere and told the shop's staff.", Decoded(await reported.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.StartsWith("/account/login", Html.RedirectPath(await again.GetAsync("/account")), StringComparison.Ordinal);
        await Smtp.EmailToAsync(TestSite.AdminEmail, ReportedSubject, where: m => m.TextBody.Contains(victim, StringComparison.Ordinal));
        await Smtp.EmailToAsync(loginsStaff, ReportedSubject, where: m => m.TextBody.Contains(victim, StringComparison.Ordinal));
        Assert.Equal(thief, (await LoginAsync(report.User)).Email);
        Assert.False(await SignsInAsync(victim, TestAccounts.Password));
        var details = await Site.WithDbAsync(db => db.LoginAudits.Where(a => a.UserId == report.User && a.Action == LoginAuditAction.EmailChangeReported).Select(a => a.Details).SingleAsync());
        Assert.Contains(victim, Site.ReadStoredText(details), StringComparison.Ordinal);
    }

    /// <summary>Asks for a change to <paramref name="address"/>; the page it lands on, with the typed address taken out.</summary>
    private async Task<string> NeutralAnswerAsync(SiteClient client, string address)
    {
        using (var asked = await client.PostFormAsync("/account/email", [new("Email", address), new("CurrentPassword", TestAccounts.Password)]))
        {
            Assert.Equal("/account", Html.RedirectPath(asked));
        }

        return Html.Text(await client.GetPageAsync("/account")).Replace(address, "(address)", StringComparison.Ordinal);
    }
}

public sealed class PostgresEmailChangeTests(PostgresSmtpSite fixture) : EmailChangeFlowTests(fixture), IClassFixture<PostgresSmtpSite>;
