using System.Net;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// Links in emails point at the site's own address. A visitor chooses the Host header of their
/// request, so a forgot-password post with <c>Host: evil.example</c> must not mail the victim a
/// set-password link to evil.example (password-reset poisoning).
/// </summary>
public sealed class SiteAddressTests : IAsyncLifetime
{
    private const string Holly = "holly@nakatomi.com";
    private const string HollysPassword = "Violet-Canoe-Thunder-42";
    private const string ForgedHost = "evil.example";
    private SmtpTestServer _smtp = null!;

    public async Task InitializeAsync() => _smtp = await SmtpTestServer.StartAsync();

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    [Fact]
    public async Task A_forgot_password_post_with_a_forged_host_mails_a_link_to_the_address_the_site_was_set_up_at()
    {
        await using var site = await TestSite.StartAsync(new TestSiteOptions { SetupRecipe = null, Smtp = _smtp });
        using (var owner = site.CreateSiteClient())
        using (var setUp = await owner.PostFormAsync("/setup",
            [new("SiteName", "Corner shop"), new("AdminEmail", "owner@example.com"), new("AdminPassword", "Owner-Passw0rd!"), new("ConfirmPassword", "Owner-Passw0rd!"), new("Recipe", "demo")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, setUp.StatusCode);
        }

        Assert.Equal("http://localhost", await StoredAddressAsync(site));

        var link = await ForgedForgotPasswordLinkAsync(site);

        Assert.StartsWith("http://localhost/account/set-password#", link, StringComparison.Ordinal);
        Assert.DoesNotContain(ForgedHost, link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_configured_address_wins_over_both_the_stored_one_and_the_request()
    {
        await using var site = await TestSite.StartAsync(new TestSiteOptions
        {
            Smtp = _smtp,
            Settings = new Dictionary<string, string> { ["CommerceCustomers:Email:SiteBaseUrl"] = "https://shop.example/store/" },
        });

        var link = await ForgedForgotPasswordLinkAsync(site);

        Assert.StartsWith("https://shop.example/store/account/set-password#", link, StringComparison.Ordinal);
        using var admin = await site.AdminClientAsync();
        Assert.Contains("<code>https://shop.example/store</code> (configured in", await admin.GetPageAsync("/admin/email-settings"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_site_set_up_unattended_without_an_address_falls_back_to_the_request_which_is_why_it_should_configure_one()
    {
        // This is the case the README warns about; it also proves the forged header reaches the site in this harness.
        await using var site = await TestSite.StartAsync(new TestSiteOptions { Smtp = _smtp });
        Assert.Null(await StoredAddressAsync(site));

        var link = await ForgedForgotPasswordLinkAsync(site);

        Assert.StartsWith($"http://{ForgedHost}/account/set-password#", link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unattended_site_keeps_the_address_its_administrator_signs_in_at_and_not_one_a_customer_forges()
    {
        await using var site = await TestSite.StartAsync(new TestSiteOptions { Smtp = _smtp });
        await RegisterHollyAsync(site);

        using (var customer = site.CreateSiteClient())
        {
            var token = SiteClient.AntiforgeryToken(await customer.GetPageAsync("/admin/login"));
            using var request = Forged("/admin/login", [new("Email", Holly), new("Password", HollysPassword), new("__RequestVerificationToken", token)]);
            using var signedIn = await customer.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        Assert.Null(await StoredAddressAsync(site));
        using var admin = await site.AdminClientAsync();
        Assert.Equal("http://localhost", await StoredAddressAsync(site));

        Assert.StartsWith("http://localhost/account/set-password#", await ForgedForgotPasswordLinkAsync(site, registered: true), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_changes_the_kept_address_on_the_email_settings_page_and_a_bad_one_changes_nothing()
    {
        await using var site = await TestSite.StartAsync(new TestSiteOptions { Smtp = _smtp });
        using var admin = await site.AdminClientAsync();

        using (var refused = await admin.PostFormAsync("/admin/email-settings", [new("SiteAddress", "shop.example/path?x=1")], postUrl: "/admin/email-settings/site-address"))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Enter the site's address as an absolute http or https address", Html.FieldError(await refused.Content.ReadAsStringAsync(), "SiteAddress"), StringComparison.Ordinal);
        }

        Assert.Equal("http://localhost", await StoredAddressAsync(site));

        using (var saved = await admin.PostFormAsync("/admin/email-settings", [new("SiteAddress", "https://new.example/shop/")], postUrl: "/admin/email-settings/site-address"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal("https://new.example/shop", await StoredAddressAsync(site));
        Assert.Contains("<code>https://new.example/shop</code> (kept", await admin.GetPageAsync("/admin/email-settings"), StringComparison.Ordinal);
        Assert.StartsWith("https://new.example/shop/account/set-password#", await ForgedForgotPasswordLinkAsync(site), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shop.example")]
    [InlineData("ftp://shop.example")]
    [InlineData("https://shop.example/?next=evil")]
    [InlineData("https://user:secret@shop.example")]
    public async Task Unattended_set_up_refuses_an_address_that_is_not_a_plain_http_or_https_one(string address)
    {
        await using var site = new TestSite(new TestSiteOptions
        {
            Settings = new Dictionary<string, string> { ["Setup:BaseUrl"] = address },
        });

        var failure = Assert.ThrowsAny<Exception>(() => site.Server);

        Assert.Contains("The site address must be an absolute http or https address", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unattended_set_up_keeps_the_address_it_is_given()
    {
        await using var site = await TestSite.StartAsync(new TestSiteOptions
        {
            Smtp = _smtp,
            Settings = new Dictionary<string, string> { ["Setup:BaseUrl"] = "https://shop.example/" },
        });

        Assert.Equal("https://shop.example", await StoredAddressAsync(site));
        Assert.StartsWith("https://shop.example/account/set-password#", await ForgedForgotPasswordLinkAsync(site), StringComparison.Ordinal);
    }

    private static Task<string?> StoredAddressAsync(TestSite site) =>
        site.WithDbAsync(db => db.SiteSettings.Select(settings => settings.BaseUrl).SingleAsync());

    private async Task RegisterHollyAsync(TestSite site)
    {
        var before = _smtp.Messages.Count;
        using var holly = site.CreateSiteClient();
        using var registered = await holly.PostFormAsync("/account/register",
            [new("Email", Holly), new("FirstName", "Holly"), new("LastName", "Gennero"), new("Password", HollysPassword), new("ConfirmPassword", HollysPassword)]);
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);

        // Registering emails Holly a confirmation link, which she follows so she can sign in; once it
        // is in, later counts see only what follows.
        var confirmation = (await _smtp.WaitForAsync(before + 1, TimeSpan.FromSeconds(20))).Last(message => message.To.Contains(Holly));
        var (user, token, _) = Emails.ConfirmEmailLink(confirmation);
        using var confirmed = await holly.PostFormAsync("/account/confirm-email", [new("User", user), new("Token", token), new("Password", HollysPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
    }

    /// <summary>A form post whose Host header names another server, as anyone can send.</summary>
    private static HttpRequestMessage Forged(string url, KeyValuePair<string, string>[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Host = ForgedHost;
        return request;
    }

    /// <summary>Asks for Holly's set-password link with a forged Host header (registering her first), and returns the link she is mailed.</summary>
    private async Task<string> ForgedForgotPasswordLinkAsync(TestSite site, bool registered = false)
    {
        if (!registered)
        {
            await RegisterHollyAsync(site);
        }

        var before = _smtp.Messages.Count;
        using var attacker = site.CreateSiteClient();
        var token = SiteClient.AntiforgeryToken(await attacker.GetPageAsync("/account/forgot-password"));
        using var request = Forged("/account/forgot-password", [new("Email", Holly), new("__RequestVerificationToken", token)]);
        using var response = await attacker.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var email = (await _smtp.WaitForAsync(before + 1, TimeSpan.FromSeconds(20)))
            .Single(message => message.To.Contains(Holly) && message.TextBody.Contains("/account/set-password", StringComparison.Ordinal));
        return Emails.SetPasswordLink(email).Link;
    }
}
