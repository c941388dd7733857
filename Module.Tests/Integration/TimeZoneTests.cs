using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Commerce.Customers.Memberships;
using Commerce.Customers.Models;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// Time zones on a fake clock, with the site's zone west of UTC, east of it, and across a
/// daylight-saving change: a membership's whole days begin and end at the site's midnight, and a
/// staff user in another zone reads every time in their own zone, named.
/// </summary>
public sealed partial class TimeZoneTests : IAsyncLifetime
{
    private const string Role = "Staff";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private TestSite _site = null!;
    private int _frank;

    public async Task InitializeAsync()
    {
        _site = await TestSite.StartAsync(new TestSiteOptions
        {
            Clock = _clock,
            Settings = new Dictionary<string, string> { ["CommerceCustomers:Memberships:JobEnabled"] = "false" },
        });
        _frank = await _site.WithDbAsync(db => db.Customers.Where(c => c.Email == "frank@martin.com").Select(c => c.Id).SingleAsync());
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    // New York springs forward on 14 March 2027 and Berlin on 28 March: those periods are an hour
    // short. Tokyo, east of UTC, keeps one offset all year, so its days begin on the UTC day before.
    [Theory]
    [InlineData("America/New_York", "2027-03-13", "2027-03-14", 47)]
    [InlineData("Europe/Berlin", "2027-03-27", "2027-03-28", 47)]
    [InlineData("Asia/Tokyo", "2027-03-13", "2027-03-14", 48)]
    public async Task A_membership_holds_whole_days_from_the_sites_midnight_to_the_sites_midnight(string zoneId, string firstDay, string lastDay, int hours)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var first = DateOnly.ParseExact(firstDay, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var last = DateOnly.ParseExact(lastDay, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var begins = TimeZoneInfo.ConvertTimeToUtc(first.ToDateTime(TimeOnly.MinValue), zone);
        var ends = TimeZoneInfo.ConvertTimeToUtc(last.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        Assert.Equal(hours, (ends - begins).TotalHours);

        // The evening before, in the site's zone: the period lies ahead. (Signed in after the clock moves, so the sign-in is fresh.)
        _clock.SetUtcNow(begins.AddHours(-6));
        using var admin = await _site.AdminClientAsync();
        await SetSiteZoneAsync(admin, zoneId);
        using (var granted = await admin.PostFormAsync($"/admin/customers/{_frank}/membership", [new("Action", "grant"), new("Role", Role), new("ValidFrom", firstDay), new("ValidTo", lastDay)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        }

        var membership = await _site.WithDbAsync(db => db.CustomerMemberships.AsNoTracking().SingleAsync(m => m.CustomerId == _frank));
        Assert.Equal((begins, ends), (membership.ValidFromUtc, membership.ValidToUtc));
        Assert.Equal(MembershipState.Scheduled, membership.State);

        // The form counts in the site's zone and says which; the table shows the days as granted.
        var tab = WebUtility.HtmlDecode(await admin.GetPageAsync($"/admin/customers/{_frank}/membership"));
        Assert.Contains(zoneId, tab, StringComparison.Ordinal);
        Assert.Contains(firstDay, tab, StringComparison.Ordinal);
        Assert.Contains(lastDay, tab, StringComparison.Ordinal);

        await AtAsync(begins.AddMinutes(-1));
        Assert.False(await FrankIsInRoleAsync());
        await AtAsync(begins);
        Assert.True(await FrankIsInRoleAsync());
        await AtAsync(ends.AddMinutes(-1));
        Assert.True(await FrankIsInRoleAsync());
        await AtAsync(ends);
        Assert.False(await FrankIsInRoleAsync());
        Assert.Equal(MembershipState.Expired, await _site.WithDbAsync(db => db.CustomerMemberships.Where(m => m.CustomerId == _frank).Select(m => m.State).SingleAsync()));
    }

    [Fact]
    public async Task A_staff_user_reads_times_in_their_own_zone_named_whatever_the_sites_zone()
    {
        using var admin = await _site.AdminClientAsync();
        await SetSiteZoneAsync(admin, "America/New_York");
        _clock.SetUtcNow(new DateTimeOffset(2027, 3, 1, 23, 30, 0, TimeSpan.Zero));
        using (await admin.PostFormAsync($"/admin/customers/{_frank}/membership", [new("Action", "grant"), new("Role", Role), new("ValidFrom", "2027-03-02"), new("ValidTo", "2027-03-31")]))
        {
        }

        // The site's zone by default: 23:30 UTC is 18:30 in New York (UTC-5).
        var history = await LoginHistoryAsync(admin);
        Assert.True(history.Contains("title=\"America/New_York\">3/1/2027 6:30:00 PM UTC−5</time>", StringComparison.Ordinal), history);

        // The staff user's own zone wins, east of UTC: 08:30 the next day in Tokyo.
        using (var saved = await admin.PostFormAsync("/account/preferences", [new("Culture", "en"), new("TimeZone", "Asia/Tokyo")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Contains("title=\"Asia/Tokyo\">3/2/2027 8:30:00 AM UTC+9</time>", await LoginHistoryAsync(admin), StringComparison.Ordinal);
    }

    private async Task<string> LoginHistoryAsync(SiteClient admin)
    {
        var page = WebUtility.HtmlDecode(await admin.GetPageAsync($"/admin/customers/{_frank}/login-details"));
        return HistoryTable().Match(page).Value;
    }

    private static async Task SetSiteZoneAsync(SiteClient admin, string zoneId)
    {
        using var saved = await admin.PostFormAsync("/admin/settings/regional", [new("Culture", "en"), new("TimeZone", zoneId)]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    private async Task AtAsync(DateTime utc)
    {
        _clock.SetUtcNow(new DateTimeOffset(utc, TimeSpan.Zero));
        await _site.WithDbAsync((_, services) => services.GetRequiredService<MembershipLifecycle>().ProcessDueAsync());
    }

    private Task<bool> FrankIsInRoleAsync() => _site.WithDbAsync(async (db, services) =>
    {
        var users = services.GetRequiredService<UserManager<ShopUser>>();
        var userId = await db.Customers.Where(c => c.Id == _frank).Select(c => c.UserId).SingleAsync();
        return await users.IsInRoleAsync((await users.FindByIdAsync(userId!))!, Role);
    });

    [GeneratedRegex("<table[^>]*id=\"login-history\".*?</table>", RegexOptions.Singleline)]
    private static partial Regex HistoryTable();
}
