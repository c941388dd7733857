using System.Net;
using Commerce.Customers.Models;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// Two-factor sign-in with an authenticator app, on the site's fake clock: a code from the step
/// before or after now works, an older one does not, no code works twice, recovery codes work once
/// each, and turning it off needs the owner, not just their open session.
/// </summary>
public sealed class TwoFactorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 5, 3, 9, 0, 10, TimeSpan.Zero));
    private TestSite _site = null!;

    public async Task InitializeAsync() => _site = await TestSite.StartAsync(new TestSiteOptions
    {
        Clock = _clock,
        Settings = new Dictionary<string, string> { ["CommerceCustomers:Accounts:SessionRevalidationInterval"] = "00:00:00" },
    });

    public async Task DisposeAsync() => await _site.DisposeAsync();

    /// <summary>A customer signed in on <c>owner</c> who has just turned on two-factor sign-in.</summary>
    private async Task<(string Email, SiteClient Owner, string Key, IReadOnlyList<string> RecoveryCodes)> OwnerWithTwoFactorAsync(string email)
    {
        await TestAccounts.CreateAsync(_site, email);
        var owner = _site.CreateSiteClient();
        await owner.SignInAsync(email, TestAccounts.Password);
        var (key, codes) = await TwoFactorClient.EnableAsync(owner, _clock.GetUtcNow());
        return (email, owner, key, codes);
    }

    [Fact]
    public async Task Turning_on_needs_the_apps_first_code_then_every_sign_in_asks_for_one_and_the_key_is_encrypted_at_rest()
    {
        var email = await TestAccounts.CreateAsync(_site, "two-step@example.com");
        using var owner = _site.CreateSiteClient();
        await owner.SignInAsync(email, TestAccounts.Password);

        var key = await TwoFactorClient.SetupKeyAsync(owner);
        var wrong = TwoFactorClient.CodeAt(key, _clock.GetUtcNow().AddMinutes(-5));
        using (var refused = await owner.PostFormAsync("/account/security/authenticator", [new("Code", wrong)]))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("That code does not match.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.False(await TestAccounts.WithUserAsync(_site, email, (_, user) => Task.FromResult(user.TwoFactorEnabled)));
        var (sameKey, recovery) = await TwoFactorClient.EnableAsync(owner, _clock.GetUtcNow());
        Assert.Equal(key, sameKey);
        Assert.All(recovery, code => Assert.Matches("^[A-Z0-9]{5}-[A-Z0-9]{5}$", code));
        Assert.Contains("On.", Html.Text(await owner.GetPageAsync("/account/security")), StringComparison.Ordinal);
        // The owner is told, by an email that carries nothing secret.
        var told = await _site.WithDbAsync(db => db.Notifications.Where(n => n.RecipientEmail == email).Select(n => n.Template).ToListAsync());
        Assert.Contains(Commerce.Customers.Notifications.EmailTemplateDefinitions.TwoFactorEnabled, told);

        // Neither the key nor a recovery code is in the database as written.
        var stored = await _site.WithDbAsync(db => db.UserTokens.Select(t => t.Value ?? "").ToListAsync());
        Assert.DoesNotContain(stored, value => value.Contains(key, StringComparison.OrdinalIgnoreCase) || recovery.Any(code => value.Contains(code, StringComparison.Ordinal)));

        // A password alone no longer signs in: the second step asks for the code.
        _clock.Advance(TimeSpan.FromSeconds(30));
        using var laptop = _site.CreateSiteClient();
        using (var password = await TwoFactorClient.PasswordStepAsync(laptop, email, TestAccounts.Password))
        {
            Assert.StartsWith("/account/two-factor", Html.RedirectPath(password), StringComparison.Ordinal);
        }

        Assert.StartsWith("/account/login", Html.RedirectPath(await laptop.GetAsync("/account")), StringComparison.Ordinal);
        using (var code = await TwoFactorClient.CodeStepAsync(laptop, TwoFactorClient.CodeAt(key, _clock.GetUtcNow())))
        {
            Assert.Equal("/account", Html.RedirectPath(code));
        }

        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/account")).StatusCode);
        var methods = await _site.WithDbAsync(db => db.SignInEvents.Where(e => e.Succeeded).Select(e => e.Method).ToListAsync());
        Assert.Contains(SignInMethod.Authenticator, methods);
    }

    [Fact]
    public async Task A_code_from_one_step_either_side_works_an_older_one_does_not_and_no_code_works_twice()
    {
        var (email, owner, key, _) = await OwnerWithTwoFactorAsync("window@example.com");
        using var ownerClient = owner;

        async Task<bool> SignsInWithAsync(string code)
        {
            using var client = _site.CreateSiteClient();
            using var password = await TwoFactorClient.PasswordStepAsync(client, email, TestAccounts.Password);
            Assert.StartsWith("/account/two-factor", Html.RedirectPath(password), StringComparison.Ordinal);
            using var answer = await TwoFactorClient.CodeStepAsync(client, code);
            return answer.StatusCode == HttpStatusCode.Redirect && Html.RedirectPath(answer) == "/account";
        }

        _clock.Advance(TimeSpan.FromMinutes(2));
        var now = _clock.GetUtcNow();
        Assert.False(await SignsInWithAsync(TwoFactorClient.CodeAt(key, now.AddSeconds(-60))));
        Assert.False(await SignsInWithAsync(TwoFactorClient.CodeAt(key, now.AddSeconds(60))));
        Assert.True(await SignsInWithAsync(TwoFactorClient.CodeAt(key, now.AddSeconds(-30))));
        // The same code again, and any code at or before the step last used, is refused.
        Assert.False(await SignsInWithAsync(TwoFactorClient.CodeAt(key, now.AddSeconds(-30))));
        Assert.True(await SignsInWithAsync(TwoFactorClient.CodeAt(key, now.AddSeconds(30))));
        Assert.False(await SignsInWithAsync(TwoFactorClient.CodeAt(key, now)));
        Assert.False(await SignsInWithAsync(TwoFactorClient.CodeAt(key, now.AddSeconds(30))));
    }

    [Fact]
    public async Task Two_sign_ins_racing_with_one_code_let_in_at_most_one()
    {
        var (email, owner, key, _) = await OwnerWithTwoFactorAsync("race@example.com");
        using var ownerClient = owner;
        _clock.Advance(TimeSpan.FromSeconds(30));

        var clients = Enumerable.Range(0, 4).Select(_ => _site.CreateSiteClient()).ToList();
        foreach (var client in clients)
        {
            using var password = await TwoFactorClient.PasswordStepAsync(client, email, TestAccounts.Password);
            Assert.StartsWith("/account/two-factor", Html.RedirectPath(password), StringComparison.Ordinal);
        }

        var code = TwoFactorClient.CodeAt(key, _clock.GetUtcNow());
        var answers = await Task.WhenAll(clients.Select(client => TwoFactorClient.CodeStepAsync(client, code)));
        var outcomes = string.Join("; ", answers.Select(answer => $"{(int)answer.StatusCode} {answer.Headers.Location}"));
        Assert.True(answers.Count(answer => answer.StatusCode == HttpStatusCode.Redirect && Html.RedirectPath(answer) == "/account") == 1, outcomes);
        Assert.All(answers, answer => Assert.True(answer.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, outcomes));
        foreach (var item in answers.Cast<IDisposable>().Concat(clients))
        {
            item.Dispose();
        }
    }

    [Fact]
    public async Task Recovery_codes_work_once_each_and_new_ones_void_the_old()
    {
        var (email, owner, _, recovery) = await OwnerWithTwoFactorAsync("lost-phone@example.com");
        using var ownerClient = owner;

        async Task<bool> SignsInWithAsync(string code)
        {
            using var client = _site.CreateSiteClient();
            using var password = await TwoFactorClient.PasswordStepAsync(client, email, TestAccounts.Password);
            using var answer = await TwoFactorClient.RecoveryStepAsync(client, code);
            return answer.StatusCode == HttpStatusCode.Redirect && Html.RedirectPath(answer) == "/account";
        }

        Assert.True(await SignsInWithAsync(recovery[0]));
        Assert.False(await SignsInWithAsync(recovery[0]));
        Assert.True(await SignsInWithAsync(" " + recovery[1].ToLowerInvariant() + " "));
        Assert.Contains("8 recovery codes remain.", Html.Text(await owner.GetPageAsync("/account/security")), StringComparison.Ordinal);
        var customer = await _site.WithDbAsync(db => db.Customers.Where(c => c.Email == email).Select(c => c.Id).SingleAsync());
        Assert.Equal(2, await _site.WithDbAsync(db => db.LoginAudits.CountAsync(a => a.CustomerId == customer && a.Action == LoginAuditAction.RecoveryCodeUsed)));
        Assert.Equal(2, await _site.WithDbAsync(db => db.Notifications.CountAsync(n => n.RecipientEmail == email && n.Template == Commerce.Customers.Notifications.EmailTemplateDefinitions.RecoveryCodeUsed)));

        // New codes need the owner: a wrong password changes nothing; the right one voids the old codes.
        using (var refused = await owner.PostFormAsync("/account/security", [new("Proof", "not my password")], "/account/security/recovery-codes"))
        {
            Assert.Equal("/account/security", Html.RedirectPath(refused));
        }

        Assert.True(await SignsInWithAsync(recovery[2]));
        using var renewed = await owner.PostFormAsync("/account/security", [new("Proof", TestAccounts.Password)], "/account/security/recovery-codes");
        var fresh = TwoFactorClient.RecoveryCodes(await renewed.Content.ReadAsStringAsync());
        Assert.Equal(10, fresh.Count);
        Assert.False(await SignsInWithAsync(recovery[3]));
        Assert.True(await SignsInWithAsync(fresh[0]));
    }

    [Fact]
    public async Task Turning_off_needs_the_password_or_a_code_and_a_disabled_login_is_refused_even_with_the_right_code()
    {
        var (email, owner, key, recovery) = await OwnerWithTwoFactorAsync("switch-off@example.com");
        using var ownerClient = owner;

        using (var refused = await owner.PostFormAsync("/account/security", [new("Proof", "")], "/account/security/authenticator/disable"))
        {
            Assert.Equal("/account/security", Html.RedirectPath(refused));
        }

        Assert.Contains("Enter your password or a code from your app.", Html.Text(await owner.GetPageAsync("/account/security")), StringComparison.Ordinal);
        Assert.True(await TestAccounts.WithUserAsync(_site, email, (_, user) => Task.FromResult(user.TwoFactorEnabled)));

        // The password step passes; staff disable the login before the code is typed.
        _clock.Advance(TimeSpan.FromSeconds(30));
        using var late = _site.CreateSiteClient();
        using (var password = await TwoFactorClient.PasswordStepAsync(late, email, TestAccounts.Password))
        {
            Assert.StartsWith("/account/two-factor", Html.RedirectPath(password), StringComparison.Ordinal);
        }

        await _site.WithDbAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(set => set.SetProperty(u => u.DisabledUtc, DateTime.UtcNow)));
        using (var code = await TwoFactorClient.CodeStepAsync(late, TwoFactorClient.CodeAt(key, _clock.GetUtcNow())))
        {
            Assert.Equal(HttpStatusCode.OK, code.StatusCode);
        }

        // Nor does a recovery code, which Identity's own recovery step would take without asking.
        using (var code = await TwoFactorClient.RecoveryStepAsync(late, recovery[0]))
        {
            Assert.Equal(HttpStatusCode.OK, code.StatusCode);
        }

        Assert.StartsWith("/account/login", Html.RedirectPath(await late.GetAsync("/account")), StringComparison.Ordinal);
        Assert.Equal(10, await TestAccounts.WithUserAsync(_site, email, (users, user) => users.CountRecoveryCodesAsync(user)));
        await _site.WithDbAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(set => set.SetProperty(u => u.DisabledUtc, (DateTime?)null)));

        _clock.Advance(TimeSpan.FromSeconds(30));
        using (var off = await owner.PostFormAsync("/account/security", [new("Proof", TwoFactorClient.CodeAt(key, _clock.GetUtcNow()))], "/account/security/authenticator/disable"))
        {
            Assert.Equal("/account/security", Html.RedirectPath(off));
        }

        Assert.Contains("Two-factor sign-in is off.", Html.Text(await owner.GetPageAsync("/account/security")), StringComparison.Ordinal);
        using var plain = _site.CreateSiteClient();
        using var signedIn = await TwoFactorClient.PasswordStepAsync(plain, email, TestAccounts.Password);
        Assert.Equal("/account", Html.RedirectPath(signedIn));
    }

    [Fact]
    public async Task The_code_page_without_the_password_step_signs_nobody_in()
    {
        using var visitor = _site.CreateSiteClient();
        Assert.StartsWith("/account/login", Html.RedirectPath(await visitor.GetAsync("/account/two-factor")), StringComparison.Ordinal);
        using var login = await visitor.GetAsync("/account/login");
        using var posted = await visitor.PostFormAsync("/account/login", [new("Code", "123456")], "/account/two-factor");
        Assert.StartsWith("/account/login", Html.RedirectPath(posted), StringComparison.Ordinal);
        using var recovery = await visitor.PostFormAsync("/account/login", [new("RecoveryCode", "AAAAA-BBBBB")], "/account/two-factor/recovery");
        Assert.StartsWith("/account/login", Html.RedirectPath(recovery), StringComparison.Ordinal);
        Assert.StartsWith("/account/login", Html.RedirectPath(await visitor.GetAsync("/account")), StringComparison.Ordinal);
    }
}
