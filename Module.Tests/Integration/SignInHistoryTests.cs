using System.Net;
using Commerce.Customers.Accounts;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Commerce.Customers.Tests.Integration;

/// <summary>Each person's own sign-in history on the Security page: attempts at their login, with client and network, for the kept days.</summary>
public sealed class SignInHistoryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 1, 10, 12, 0, 0, TimeSpan.Zero));
    private TestSite _site = null!;

    public async Task InitializeAsync() => _site = await TestSite.StartAsync(new TestSiteOptions { Clock = _clock });

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task A_person_sees_their_own_sign_ins_and_refusals_with_browser_and_network_for_the_kept_days()
    {
        await TestAccounts.CreateAsync(_site, "watchful@example.com");
        await TestAccounts.CreateAsync(_site, "other@example.com");
        using var stranger = _site.CreateSiteClient().From("198.51.100.23");
        stranger.Http.DefaultRequestHeaders.UserAgent.ParseAdd("GuessingTool/1.0");
        using (await stranger.PostFormAsync("/account/login", [new("Email", "watchful@example.com"), new("Password", "Not-The-Password-1")]))
        using (await stranger.PostFormAsync("/account/login", [new("Email", "nobody@example.com"), new("Password", "Not-The-Password-1")]))
        {
        }

        using var other = _site.CreateSiteClient().From("192.0.2.9");
        other.Http.DefaultRequestHeaders.UserAgent.ParseAdd("OtherBrowser/3.0");
        await other.SignInAsync("other@example.com", TestAccounts.Password);

        _clock.Advance(TimeSpan.FromMinutes(5));
        using var owner = _site.CreateSiteClient().From("203.0.113.77");
        owner.Http.DefaultRequestHeaders.UserAgent.ParseAdd("WatchfulBrowser/2.0");
        await owner.SignInAsync("watchful@example.com", TestAccounts.Password);

        var page = WebUtility.HtmlDecode(await owner.GetPageAsync("/account/security"));
        var rows = Html.TableRows(page, "sign-ins");
        Assert.Equal(2, rows.Count);
        Assert.Equal(["Signed in", "Password", "WatchfulBrowser/2.0", "203.0.113.0/24"], rows[0][1..]);
        Assert.Equal(["Refused", "Password", "GuessingTool/1.0", "198.51.100.0/24"], rows[1][1..]);
        Assert.DoesNotContain("OtherBrowser", page, StringComparison.Ordinal);
        // An attempt at an unknown email belongs to nobody and is not kept.
        Assert.Equal(3, await _site.WithDbAsync(db => db.SignInEvents.CountAsync()));

        // After the kept days (90 by default) the old rows are gone; the next sign-in is the only one left.
        _clock.Advance(TimeSpan.FromDays(91));
        using var later = _site.CreateSiteClient().From("203.0.113.78");
        await later.SignInAsync("watchful@example.com", TestAccounts.Password);
        Assert.Single(Html.TableRows(await later.GetPageAsync("/account/security"), "sign-ins"));
        Assert.Equal(1, await _site.WithDbAsync(db => db.SignInEvents.CountAsync()));
    }

    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0/24")]
    [InlineData("::ffff:203.0.113.77", "203.0.113.0/24")]
    [InlineData("2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::/48")]
    public void Only_the_network_of_an_address_is_kept(string address, string network) =>
        Assert.Equal(network, SignInHistory.NetworkOf(IPAddress.Parse(address)));
}
