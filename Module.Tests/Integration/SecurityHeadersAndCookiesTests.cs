using System.Net;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Commerce.Customers.Tests.Integration;

/// <summary>Every area's pages carry the security headers, and every cookie is HttpOnly, SameSite, and Secure over HTTPS.</summary>
public sealed class SecurityHeadersAndCookiesTests(PeopleSite people) : IClassFixture<PeopleSite>
{
    [Fact]
    public async Task Every_area_answers_with_a_strict_policy_nosniff_and_no_framing()
    {
        using var anonymous = people.Site.CreateSiteClient();
        using var customer = await people.ClientAsync(Person.Customer);
        using var admin = await people.ClientAsync(Person.Administrator);
        var asked = new List<(SiteClient Client, string Url)>
        {
            (anonymous, "/admin/login"), (anonymous, "/admin/customers"), (anonymous, "/admin/access-denied"),
            (anonymous, "/account/login"), (anonymous, "/account/register"), (anonymous, "/shop"), (anonymous, "/shop/cart"),
            (anonymous, "/password-tips"), (anonymous, "/setup"), (anonymous, "/no-such-page"), (anonymous, "/error/500"), (anonymous, "/health"),
            (anonymous, ModuleAssets.Url("admin.css")),
            (customer, "/account"), (customer, "/members"), (customer, "/account/change-password"),
            (admin, "/admin/customers"), (admin, $"/admin/customers/{people.UnregisteredCustomerId}/general"), (admin, "/admin/customers/export"),
            (admin, "/admin/email-templates/LoginCreated"), (admin, "/admin/settings/customer-accounts"), (admin, "/admin/customers/999999"),
        };

        var failures = new List<string>();
        foreach (var (client, url) in asked)
        {
            using var response = await client.GetAsync(url);
            failures.AddRange(HeaderProblems(response).Select(problem => $"GET {url} ({(int)response.StatusCode}): {problem}"));
        }

        // A refused post (no antiforgery token) is answered by the error page, with the same headers.
        using (var forged = await admin.PostWithoutTokenAsync("/admin/customers/create", [new("LastName", "Forged")]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            failures.AddRange(HeaderProblems(forged).Select(problem => $"POST without token: {problem}"));
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task A_policy_that_allows_inline_script_is_caught()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.Add("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'");

        Assert.Contains(HeaderProblems(response), problem => problem.Contains("unsafe-inline", StringComparison.Ordinal));
        Assert.Contains(HeaderProblems(response), problem => problem.Contains("frame-ancestors", StringComparison.Ordinal));
        Assert.Contains(HeaderProblems(response), problem => problem.Contains("nosniff", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://localhost", true)]
    [InlineData("http://localhost", false)]
    public async Task Every_cookie_is_http_only_and_same_site_and_secure_over_https(string baseAddress, bool https)
    {
        using var client = new SiteClient(people.Site.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false, HandleCookies = true,
        }));
        var cookies = new List<string>();

        // Antiforgery, the admin's auth cookie, TempData (the success message) and the demo shop's cart.
        cookies.AddRange(SetCookies(await client.GetAsync("/account/login")));
        var token = SiteClient.AntiforgeryToken(await client.GetPageAsync("/admin/login"));
        cookies.AddRange(SetCookies(await PostAsync(client, "/account/login", $"Email={Uri.EscapeDataString(PeopleSite.CustomerEmail)}&Password={Uri.EscapeDataString(PeopleSite.Password)}", token)));
        token = SiteClient.AntiforgeryToken(await client.GetPageAsync("/shop/cart"));
        cookies.AddRange(SetCookies(await PostAsync(client, "/shop/cart/add", "productId=1&quantity=1", token)));
        cookies.AddRange(SetCookies(await client.GetAsync("/shop/cart")));
        cookies.AddRange(SetCookies(await PostAsync(client, "/shop/cart/remove", "productId=1", token)));
        cookies.AddRange(SetCookies(await PostAsync(client, "/account/logout", "", token)));

        var names = cookies.Select(cookie => cookie[..cookie.IndexOf('=', StringComparison.Ordinal)]).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Contains("commerce.auth", names);
        Assert.Contains("commerce.antiforgery", names);
        Assert.Contains("demo.cart", names);
        Assert.Contains(".AspNetCore.Mvc.CookieTempDataProvider", names);

        var failures = new List<string>();
        foreach (var cookie in cookies)
        {
            var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(attribute => attribute.Split('=')[0].ToLowerInvariant()).ToList();
            if (!attributes.Contains("httponly"))
            {
                failures.Add("not HttpOnly: " + cookie);
            }

            if (!attributes.Contains("samesite"))
            {
                failures.Add("no SameSite: " + cookie);
            }

            if (attributes.Contains("secure") != https)
            {
                failures.Add((https ? "not Secure over HTTPS: " : "Secure over plain HTTP: ") + cookie);
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static IEnumerable<string> HeaderProblems(HttpResponseMessage response)
    {
        var csp = response.Headers.TryGetValues("Content-Security-Policy", out var values) ? string.Join(";", values) : "";
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(directive => directive.Split(' ')[0], directive => directive, StringComparer.OrdinalIgnoreCase);
        // Without its own script-src, scripts fall back to default-src.
        var scripts = directives.GetValueOrDefault("script-src") ?? directives.GetValueOrDefault("default-src");
        if (scripts is null)
        {
            yield return "no Content-Security-Policy for scripts";
        }
        else if (scripts.Contains("'unsafe-inline'", StringComparison.OrdinalIgnoreCase) || scripts.Contains("'unsafe-eval'", StringComparison.OrdinalIgnoreCase))
        {
            yield return "scripts allow 'unsafe-inline' or 'unsafe-eval': " + scripts;
        }

        if (!directives.ContainsKey("frame-ancestors"))
        {
            yield return "no frame-ancestors";
        }

        var nosniff = response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) && sniff.SequenceEqual(["nosniff"]);
        if (!nosniff)
        {
            yield return "no X-Content-Type-Options: nosniff";
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(SiteClient client, string url, string form, string token)
    {
        using var content = new StringContent(form + "&__RequestVerificationToken=" + Uri.EscapeDataString(token), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        return await client.Http.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response)
    {
        using (response)
        {
            return response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        }
    }
}
