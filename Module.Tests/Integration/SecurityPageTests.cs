using System.Net;
using Commerce.Customers.Models;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Tests.Integration;

/// <summary>The Security page: a signed-in person (customer or staff) ends every other session of their own login.</summary>
public sealed class SecurityPageTests : IAsyncLifetime
{
    private TestSite _site = null!;

    public async Task InitializeAsync() => _site = await TestSite.StartAsync(new TestSiteOptions
    {
        Settings = new Dictionary<string, string> { ["CommerceCustomers:Accounts:SessionRevalidationInterval"] = "00:00:00" },
    });

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Sign_out_everywhere_else_ends_the_other_sessions_and_keeps_this_one()
    {
        await TestAccounts.CreateAsync(_site, "careful@example.com");
        using var phone = _site.CreateSiteClient();
        using var laptop = _site.CreateSiteClient();
        await phone.SignInAsync("careful@example.com", TestAccounts.Password);
        await laptop.SignInAsync("careful@example.com", TestAccounts.Password);

        using (var ended = await phone.PostFormAsync("/account/security", [], "/account/security/sign-out-everywhere"))
        {
            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        }

        Assert.Contains("Every other session has ended.", WebUtility.HtmlDecode(await phone.GetPageAsync("/account/security")), StringComparison.Ordinal);
        Assert.StartsWith("/account/login", Html.RedirectPath(await laptop.GetAsync("/account/security")), StringComparison.Ordinal);
        var customer = await _site.WithDbAsync(db => db.Customers.Where(c => c.Email == "careful@example.com").Select(c => c.Id).SingleAsync());
        Assert.Equal(LoginAuditAction.SignedOutEverywhere, await _site.WithDbAsync(db => db.LoginAudits.Where(a => a.CustomerId == customer).OrderBy(a => a.Id).Select(a => a.Action).LastAsync()));
    }

    [Fact]
    public async Task Staff_use_the_same_page_and_a_visitor_is_sent_to_sign_in()
    {
        using var admin = await _site.AdminClientAsync();
        using var otherAdminSession = await _site.AdminClientAsync();
        using (var ended = await admin.PostFormAsync("/account/security", [], "/account/security/sign-out-everywhere"))
        {
            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/customers")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await otherAdminSession.GetAsync("/admin/customers")).StatusCode);

        using var visitor = _site.CreateSiteClient();
        Assert.StartsWith("/account/login", Html.RedirectPath(await visitor.GetAsync("/account/security")), StringComparison.Ordinal);
        using var forged = await visitor.Http.PostAsync(new Uri("/account/security/sign-out-everywhere", UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.True(forged.StatusCode == HttpStatusCode.BadRequest || Html.RedirectPath(forged).StartsWith("/account/login", StringComparison.Ordinal), $"{(int)forged.StatusCode}");
    }
}
