using System.Net;
using Commerce.Customers.Models;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Tests.Integration;

/// <summary>Every admin route against anonymous visitors, staff without the permission, and forged posts.</summary>
public sealed class AccessTests : IAsyncLifetime
{
    private const string StaffEmail = "staff@example.com";
    private const string NobodyEmail = "nobody@example.com";
    private const string Password = "Staff-Passw0rd!";

    private TestSite _site = null!;
    private int _customerId;

    public async Task InitializeAsync()
    {
        _site = await TestSite.StartAsync();
        _customerId = await _site.WithDbAsync(async (db, services) =>
        {
            var users = services.GetRequiredService<UserManager<ShopUser>>();
            var staff = new ShopUser { UserName = StaffEmail, Email = StaffEmail };
            Assert.True((await users.CreateAsync(staff, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(staff, "Staff")).Succeeded);
            Assert.True((await users.CreateAsync(new ShopUser { UserName = NobodyEmail, Email = NobodyEmail }, Password)).Succeeded);
            return await db.Customers.Where(c => c.Email == "apollo@creed.com").Select(c => c.Id).SingleAsync();
        });
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private string[] AdminPages =>
    [
        "/admin", "/admin/customers", "/admin/customers/export", "/admin/customers/create", $"/admin/customers/{_customerId}", $"/admin/customers/{_customerId}/general",
        $"/admin/customers/{_customerId}/delete", $"/admin/customers/{_customerId}/notifications", "/admin/notifications",
        "/admin/email-templates", "/admin/email-templates/LoginCreated", "/admin/email-settings",
    ];

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_every_admin_page()
    {
        using var anonymous = _site.CreateSiteClient();
        foreach (var url in AdminPages)
        {
            using var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/admin/login?ReturnUrl=", Html.RedirectPathAndQuery(response), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Anonymous_posts_change_nothing()
    {
        using var anonymous = _site.CreateSiteClient();
        var before = await SnapshotAsync();

        // A token from a public page, so the post fails on authorization rather than antiforgery.
        foreach (var url in new[] { "/admin/customers/create", $"/admin/customers/{_customerId}/general", $"/admin/customers/{_customerId}/delete" })
        {
            using var response = await anonymous.PostFormAsync("/admin/login", [new("LastName", "Hacked"), new("DeleteLogin", "true")], postUrl: url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/admin/login", Html.RedirectPath(response), StringComparison.Ordinal);
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Staff_with_view_permission_see_the_list_without_management_actions()
    {
        using var staff = await SignedInAsync(StaffEmail);

        var list = await staff.GetPageAsync("/admin/customers");
        Assert.Equal(4, Html.CustomerRows(list).Count);
        Assert.DoesNotContain("New customer", list, StringComparison.Ordinal);
        Assert.DoesNotContain("/delete", list, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/notifications\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Email templates", list, StringComparison.Ordinal);

        var editor = await staff.GetPageAsync($"/admin/customers/{_customerId}");
        Assert.Contains("<fieldset disabled=\"disabled\">", editor, StringComparison.Ordinal);
        Assert.DoesNotContain(">Save</button>", editor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_without_manage_permission_cannot_create_edit_or_delete()
    {
        using var staff = await SignedInAsync(StaffEmail);
        var before = await SnapshotAsync();

        foreach (var url in new[] { "/admin/customers/create", $"/admin/customers/{_customerId}/delete", "/admin/email-templates", "/admin/email-templates/LoginCreated", "/admin/email-settings" })
        {
            using var page = await staff.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/admin/access-denied", Html.RedirectPath(page), StringComparison.Ordinal);
        }

        using (var create = await staff.PostFormAsync("/admin/customers", [new("LastName", "Sneaky")], postUrl: "/admin/customers/create"))
        {
            Assert.Equal(HttpStatusCode.Redirect, create.StatusCode);
            Assert.StartsWith("/admin/access-denied", Html.RedirectPath(create), StringComparison.Ordinal);
        }

        using (var edit = await staff.PostFormAsync($"/admin/customers/{_customerId}", [new("LastName", "Sneaky")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
            Assert.StartsWith("/admin/access-denied", Html.RedirectPath(edit), StringComparison.Ordinal);
        }

        foreach (var url in new[] { $"/admin/customers/{_customerId}/delete", "/admin/email-templates/LoginCreated", "/admin/email-templates/LoginCreated/reset", "/admin/email-settings/test", $"/admin/notifications/{Guid.NewGuid()}/resend" })
        {
            using var post = await staff.PostFormAsync("/admin/customers", [new("DeleteLogin", "true"), new("Subject", "Hacked"), new("HtmlBody", "x"), new("TextBody", "x"), new("TestRecipient", "a@b.com")], postUrl: url);
            Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
            Assert.StartsWith("/admin/access-denied", Html.RedirectPath(post), StringComparison.Ordinal);
        }

        Assert.False(await _site.WithDbAsync(db => db.EmailTemplates.AnyAsync()));

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_signed_in_user_without_any_permission_is_denied_the_customers_application()
    {
        using var nobody = await SignedInAsync(NobodyEmail);

        foreach (var url in AdminPages.Skip(1))
        {
            using var response = await nobody.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/admin/access-denied", Html.RedirectPath(response), StringComparison.Ordinal);
        }

        using var denied = await nobody.GetAsync("/admin/access-denied");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.DoesNotContain("Customers</a>", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posts_without_an_antiforgery_token_are_refused_even_for_the_administrator()
    {
        using var admin = await SignedInAsync(TestSite.AdminEmail, TestSite.AdminPassword);
        var before = await SnapshotAsync();

        foreach (var url in new[] { "/admin/customers/create", $"/admin/customers/{_customerId}/general", $"/admin/customers/{_customerId}/delete", "/admin/logout" })
        {
            using var response = await admin.PostWithoutTokenAsync(url, [new("LastName", "Forged"), new("DeleteLogin", "true")]);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("The request could not be accepted", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/customers")).StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_get_one_message_and_hold_the_guessing_client_back()
    {
        using var client = _site.CreateSiteClient();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await client.PostFormAsync("/admin/login", [new("Email", StaffEmail), new("Password", "wrong")]);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var unknown = await client.PostFormAsync("/admin/login", [new("Email", "ghost@example.com"), new("Password", "wrong")]);
        Assert.Contains("The email or password is incorrect.", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var locked = await client.PostFormAsync("/admin/login", [new("Email", StaffEmail), new("Password", Password)]);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("The email or password is incorrect.", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_carry_security_headers_and_the_auth_cookie_is_http_only()
    {
        using var client = _site.CreateSiteClient();
        using var login = await client.GetAsync("/admin/login");
        var csp = string.Join(";", login.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", login.Headers.GetValues("X-Content-Type-Options").Single());

        using var signIn = await client.PostFormAsync("/admin/login", [new("Email", StaffEmail), new("Password", Password)]);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith("commerce.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_setup_screen_is_gone_once_the_site_is_set_up()
    {
        using var client = _site.CreateSiteClient();
        using var page = await client.GetAsync("/setup");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);

        using var post = await client.PostFormAsync("/admin/login", [new("SiteName", "Taken over"), new("AdminEmail", "evil@example.com"), new("AdminPassword", "Evil-Passw0rd!"), new("ConfirmPassword", "Evil-Passw0rd!"), new("Recipe", "blank")], postUrl: "/setup");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.False(await _site.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "evil@example.com")));
    }

    private async Task<SiteClient> SignedInAsync(string email, string password = Password)
    {
        var client = _site.CreateSiteClient();
        await client.SignInAsync(email, password);
        return client;
    }

    /// <summary>Everything an attack could change, to compare before and after.</summary>
    private Task<string> SnapshotAsync() => _site.WithDbAsync(async db =>
    {
        var customers = await db.Customers.OrderBy(c => c.Id).Select(c => $"{c.Id}|{c.Company}|{c.LastName}|{c.FirstName}|{c.Email}|{c.UserId}|{c.ConcurrencyStamp}").ToListAsync();
        var users = await db.Users.OrderBy(u => u.Id).Select(u => u.Id + u.UserName).ToListAsync();
        return string.Join("\n", customers.Concat(users));
    });
}
