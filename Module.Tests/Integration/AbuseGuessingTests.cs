using System.Net;
using System.Text.RegularExpressions;
using Commerce.Customers.Tests.Infrastructure;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// Issue 13, examples 7 and 8 and their rules: every endpoint that takes a password or creates an
/// account is limited per client; wrong passwords count toward lockout where the account is known;
/// sign-in reveals no accounts by its words (by its time: <see cref="AbuseTimingTests"/>); and lockout
/// cannot be used by one client to keep an account's owner out.
/// </summary>
public sealed partial class AbuseGuessingTests(PeopleSite people) : IClassFixture<PeopleSite>
{
    private const int Limit = 3;
    private const string Unknown = "The email or password is incorrect.";

    [Fact]
    public async Task Every_endpoint_that_takes_a_password_or_creates_an_account_answers_429_beyond_the_per_client_limit()
    {
        await using var limited = await TestSite.StartAsync(new TestSiteOptions
        {
            Settings = new Dictionary<string, string> { ["CommerceCustomers:Accounts:RequestsPerMinutePerIp"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });
        var email = await TestAccounts.CreateAsync(limited, "limited@example.com");
        var failures = new List<string>();
        var address = 0;

        async Task ExpectLimitAsync(string name, SiteClient client, string formUrl, string postUrl, IReadOnlyList<KeyValuePair<string, string>> fields)
        {
            client.From($"10.13.7.{++address}");
            var token = SiteClient.AntiforgeryToken(await client.GetPageAsync(formUrl));
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i <= Limit; i++)
            {
                using var content = new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]);
                using var response = await client.Http.PostAsync(new Uri(postUrl, UriKind.Relative), content);
                statuses.Add(response.StatusCode);
            }

            if (statuses[^1] != HttpStatusCode.TooManyRequests || statuses.SkipLast(1).Contains(HttpStatusCode.TooManyRequests))
            {
                failures.Add($"{name}: {string.Join(", ", statuses.Select(status => (int)status))}");
            }
        }

        using var visitor = limited.CreateSiteClient();
        await ExpectLimitAsync("admin sign-in", visitor, "/admin/login", "/admin/login", [new("Email", "nobody@example.com"), new("Password", "wrong")]);
        await ExpectLimitAsync("customer sign-in", visitor, "/account/login", "/account/login", [new("Email", "nobody@example.com"), new("Password", "wrong")]);
        await ExpectLimitAsync("set password from a link", visitor, "/account/set-password", "/account/set-password",
            [new("User", "someone"), new("Token", "forged"), new("Password", "Violet-Canoe-Thunder-42"), new("ConfirmPassword", "Violet-Canoe-Thunder-42")]);

        using var shopper = limited.CreateSiteClient();
        await ShopForms.AddToCartAsync(shopper);
        await ExpectLimitAsync("checkout with an account", shopper, ShopForms.CheckoutUrl, ShopForms.CheckoutUrl,
            [.. ShopForms.CheckoutFields("buyer@example.com", ("Account", "ChoosePassword"), ("Password", "Violet-Canoe-Thunder-42"), ("ConfirmPassword", "different"))]);

        using var customer = limited.CreateSiteClient().From("10.13.8.1");
        using (var signIn = await customer.PostFormAsync("/account/login", [new("Email", email), new("Password", TestAccounts.Password)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        await ExpectLimitAsync("change password", customer, "/account/change-password", "/account/change-password",
            [new("CurrentPassword", "wrong"), new("Password", "Violet-Canoe-Thunder-42"), new("ConfirmPassword", "Violet-Canoe-Thunder-42")]);

        await ExpectLimitAsync("change email", customer, "/account/email", "/account/email",
            [new("Email", "elsewhere@example.com"), new("CurrentPassword", "wrong")]);
        await ExpectLimitAsync("report an email change", visitor, "/account/email/report", "/account/email/report", [new("User", "someone"), new("Token", "forged")]);

        Assert.True(failures.Count == 0, "Expected " + Limit + " answers, then 429:\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task Wrong_current_passwords_at_change_password_lock_the_account()
    {
        var email = await TestAccounts.CreateAsync(people.Site, $"changer-{Guid.NewGuid():N}@example.com");
        using var customer = people.Site.CreateSiteClient().From("10.13.9.1");
        using (var signIn = await customer.PostFormAsync("/account/login", [new("Email", email), new("Password", TestAccounts.Password)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        var hashBefore = await TestAccounts.WithUserAsync(people.Site, email, (_, user) => Task.FromResult(user.PasswordHash));
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await ChangePasswordAsync(customer, "wrong-" + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        Assert.True(await TestAccounts.WithUserAsync(people.Site, email, (users, user) => users.IsLockedOutAsync(user)));
        using var right = await ChangePasswordAsync(customer, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Try again in a few minutes", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(hashBefore, await TestAccounts.WithUserAsync(people.Site, email, (_, user) => Task.FromResult(user.PasswordHash)));
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/admin/login")]
    public async Task A_locked_account_gets_the_same_message_as_an_unknown_one(string loginUrl)
    {
        var email = await TestAccounts.CreateAsync(people.Site, $"locked-{Guid.NewGuid():N}@example.com");
        await TestAccounts.WithUserAsync(people.Site, email, (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(5)));
        using var visitor = people.Site.CreateSiteClient().From("10.13.10.1");

        var unknown = await FailedSignInMessageAsync(visitor, loginUrl, $"nobody-{Guid.NewGuid():N}@example.com", "wrong");
        var lockedWithTheRightPassword = await FailedSignInMessageAsync(visitor, loginUrl, email, TestAccounts.Password);
        var lockedWithAWrongPassword = await FailedSignInMessageAsync(visitor, loginUrl, email, "wrong");

        Assert.StartsWith(Unknown, unknown, StringComparison.Ordinal);
        Assert.Equal(unknown, lockedWithTheRightPassword);
        Assert.Equal(unknown, lockedWithAWrongPassword);
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/admin/login")]
    public async Task One_client_guessing_cannot_lock_the_owner_out_but_guesses_from_two_clients_do_lock(string loginUrl)
    {
        var email = await TestAccounts.CreateAsync(people.Site, $"target-{Guid.NewGuid():N}@example.com");
        using var attacker = people.Site.CreateSiteClient().From("10.13.11.1");
        for (var i = 0; i < 12; i++)
        {
            Assert.StartsWith(Unknown, await FailedSignInMessageAsync(attacker, loginUrl, email, "guess-" + i), StringComparison.Ordinal);
        }

        Assert.False(await TestAccounts.WithUserAsync(people.Site, email, (users, user) => users.IsLockedOutAsync(user)));
        // The attacker's client is held back for this account, even with the right password...
        Assert.StartsWith(Unknown, await FailedSignInMessageAsync(attacker, loginUrl, email, TestAccounts.Password), StringComparison.Ordinal);
        // ...while the owner, elsewhere, signs in.
        using var owner = people.Site.CreateSiteClient().From("10.13.11.2");
        using (var signIn = await owner.PostFormAsync(loginUrl, [new("Email", email), new("Password", TestAccounts.Password)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        // Guesses from more than one client still lock the account, as Identity's lockout should.
        var victim = await TestAccounts.CreateAsync(people.Site, $"victim-{Guid.NewGuid():N}@example.com");
        for (var i = 0; i < 6; i++)
        {
            using var other = people.Site.CreateSiteClient().From($"10.13.12.{i + 1}");
            await FailedSignInMessageAsync(other, loginUrl, victim, "guess-" + i);
        }

        Assert.True(await TestAccounts.WithUserAsync(people.Site, victim, (users, user) => users.IsLockedOutAsync(user)));
    }

    private static async Task<HttpResponseMessage> ChangePasswordAsync(SiteClient customer, string current) =>
        await customer.PostFormAsync("/account/change-password",
            [new("CurrentPassword", current), new("Password", "Violet-Canoe-Thunder-42"), new("ConfirmPassword", "Violet-Canoe-Thunder-42")]);

    private static async Task<string> FailedSignInMessageAsync(SiteClient client, string loginUrl, string email, string password)
    {
        using var response = await client.PostFormAsync(loginUrl, [new("Email", email), new("Password", password)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return string.Join(" ", SummaryPattern().Matches(await response.Content.ReadAsStringAsync()).Select(match => WebUtility.HtmlDecode(match.Groups[1].Value)));
    }

    [GeneratedRegex("<li>(.*?)</li>")]
    private static partial Regex SummaryPattern();
}
