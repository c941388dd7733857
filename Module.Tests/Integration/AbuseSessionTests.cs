using System.Net;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// Issue 13, example 9 and its rule: signing out ends the session on the server, and losing a role
/// takes effect on the next request. Also: a customer who must change their password can sign out.
/// </summary>
public sealed class AbuseSessionTests(PeopleSite people) : IClassFixture<PeopleSite>
{
    [Theory]
    [InlineData("/account/login", "/account/logout", "/account")]
    [InlineData("/admin/login", "/admin/logout", "/admin/customers")]
    public async Task A_cookie_copied_before_sign_out_opens_nothing_after_it(string loginUrl, string logoutUrl, string page)
    {
        var email = await TestAccounts.CreateAsync(people.Site, $"copied-{Guid.NewGuid():N}@example.com", permissions: Permissions.ViewCustomers);
        using var owner = people.Site.CreateSiteClient();
        string copied;
        using (var signIn = await owner.PostFormAsync(loginUrl, [new("Email", email), new("Password", TestAccounts.Password)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            copied = AuthCookie(signIn);
        }

        using var thief = people.Site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(thief, page, copied)).StatusCode);

        using (var signOut = await owner.PostFormAsync(page, [], postUrl: logoutUrl))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        using var after = await GetWithCookieAsync(thief, page, copied);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.EndsWith("/login", Html.RedirectPath(after), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_staff_user_whose_roles_are_removed_is_refused_on_the_next_request()
    {
        var email = await TestAccounts.CreateAsync(people.Site, $"demoted-{Guid.NewGuid():N}@example.com", permissions: [Permissions.ViewCustomers, Permissions.ManageCustomerLogins]);
        using var staff = people.Site.CreateSiteClient();
        await staff.SignInAsync(email, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/admin/customers")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(LoginActions.TabUrl(people.UnregisteredCustomerId))).StatusCode);

        // As the Roles tab does: the role goes, the security stamp stays.
        await TestAccounts.WithUserAsync(people.Site, email, async (users, user) =>
        {
            var result = await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
            return result.Succeeded;
        });

        using var next = await staff.GetAsync(LoginActions.TabUrl(people.UnregisteredCustomerId));
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Equal("/admin/access-denied", Html.RedirectPath(next));
    }

    [Fact]
    public async Task A_customer_who_must_change_their_password_can_still_sign_out()
    {
        var email = await TestAccounts.CreateAsync(people.Site, $"must-change-{Guid.NewGuid():N}@example.com", mustChangePassword: true);
        using var customer = people.Site.CreateSiteClient();
        using (var signIn = await customer.PostFormAsync("/account/login", [new("Email", email), new("Password", TestAccounts.Password)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        using (var held = await customer.GetAsync("/account"))
        {
            Assert.Equal("/account/change-password", Html.RedirectPath(held));
        }

        using (var signOut = await customer.PostFormAsync("/account/change-password", [], postUrl: "/account/logout"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
            Assert.Equal("/", Html.RedirectPath(signOut));
        }

        using var after = await customer.GetAsync("/account");
        Assert.Equal("/account/login", Html.RedirectPath(after));
    }

    private static string AuthCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Select(cookie => cookie.Split(';')[0]).Single(cookie => cookie.StartsWith("commerce.auth=", StringComparison.Ordinal));

    private static async Task<HttpResponseMessage> GetWithCookieAsync(HttpClient client, string url, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}
