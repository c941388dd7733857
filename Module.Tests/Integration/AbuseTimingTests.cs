using System.Diagnostics;
using System.Net;
using Commerce.Customers.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// Issue 13, example 8 by time: a wrong password costs as long for a known account as for an
/// unknown one, and registering a taken address as long as a new one. On a site that hashes at
/// production cost, because that cost is what an attacker would time.
/// </summary>
public sealed class AbuseTimingTests(ProductionHashingPeopleSite people, ITestOutputHelper output) : IClassFixture<ProductionHashingPeopleSite>
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/admin/login")]
    public async Task A_wrong_password_takes_as_long_for_a_known_account_as_for_an_unknown_one(string loginUrl)
    {
        const int Samples = 15;
        var known = new List<string>();
        for (var i = 0; i < Samples; i++)
        {
            known.Add(await TestAccounts.CreateAsync(people.Site, $"timed-{i}-{Guid.NewGuid():N}@example.com"));
        }

        using var visitor = people.Site.CreateSiteClient().From("10.13.13.1");
        var token = SiteClient.AntiforgeryToken(await visitor.GetPageAsync(loginUrl));
        // Warm both paths (the first hash, the first query) before measuring.
        await TimedSignInAsync(visitor, loginUrl, token, $"warm-{Guid.NewGuid():N}@example.com");
        await TimedSignInAsync(visitor, loginUrl, token, await TestAccounts.CreateAsync(people.Site, $"warm-{Guid.NewGuid():N}@example.com"));

        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        for (var i = 0; i < Samples; i++)
        {
            knownTimes.Add(await TimedSignInAsync(visitor, loginUrl, token, known[i]));
            unknownTimes.Add(await TimedSignInAsync(visitor, loginUrl, token, $"unknown-{i}-{Guid.NewGuid():N}@example.com"));
        }

        var knownMedian = Median(knownTimes);
        var unknownMedian = Median(unknownTimes);
        var ratio = Math.Max(knownMedian, unknownMedian) / Math.Min(knownMedian, unknownMedian);
        output.WriteLine($"{loginUrl}: median {knownMedian:F1} ms known, {unknownMedian:F1} ms unknown, ratio {ratio:F2}");
        Assert.True(ratio <= 2, $"Median wrong-password sign-in: {knownMedian:F1} ms for known accounts, {unknownMedian:F1} ms for unknown ones (ratio {ratio:F2}).");
    }

    [Fact]
    public async Task Registering_a_taken_address_takes_as_long_as_registering_a_new_one()
    {
        const int Samples = 9;
        var taken = new List<string>();
        for (var i = 0; i < Samples + 1; i++)
        {
            taken.Add(await TestAccounts.CreateAsync(people.Site, $"taken-{i}-{Guid.NewGuid():N}@example.com"));
        }

        using var visitor = people.Site.CreateSiteClient().From("10.13.13.2");
        var token = SiteClient.AntiforgeryToken(await visitor.GetPageAsync("/account/register"));
        await TimedRegistrationAsync(visitor, token, taken[Samples]);
        await TimedRegistrationAsync(visitor, token, $"warm-{Guid.NewGuid():N}@example.com");

        var takenTimes = new List<double>();
        var newTimes = new List<double>();
        for (var i = 0; i < Samples; i++)
        {
            takenTimes.Add(await TimedRegistrationAsync(visitor, token, taken[i]));
            newTimes.Add(await TimedRegistrationAsync(visitor, token, $"new-{i}-{Guid.NewGuid():N}@example.com"));
        }

        var takenMedian = Median(takenTimes);
        var newMedian = Median(newTimes);
        var ratio = Math.Max(takenMedian, newMedian) / Math.Min(takenMedian, newMedian);
        output.WriteLine($"/account/register: median {takenMedian:F1} ms taken, {newMedian:F1} ms new, ratio {ratio:F2}");
        Assert.True(ratio <= 2, $"Median registration: {takenMedian:F1} ms for taken addresses, {newMedian:F1} ms for new ones (ratio {ratio:F2}).");
    }

    private static async Task<double> TimedRegistrationAsync(SiteClient client, string token, string email)
    {
        const string Password = "Violet-Canoe-Thunder-42";
        using var content = new FormUrlEncodedContent([new("Email", email), new("FirstName", "Tim"), new("LastName", "Ing"), new("Password", Password), new("ConfirmPassword", Password), new("__RequestVerificationToken", token)]);
        var watch = Stopwatch.StartNew();
        using var response = await client.Http.PostAsync(new Uri("/account/register", UriKind.Relative), content);
        await response.Content.ReadAsByteArrayAsync();
        watch.Stop();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{email}: {(int)response.StatusCode}");
        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> TimedSignInAsync(SiteClient client, string loginUrl, string token, string email)
    {
        using var content = new FormUrlEncodedContent([new("Email", email), new("Password", "Wrong-Guess-123"), new("__RequestVerificationToken", token)]);
        var watch = Stopwatch.StartNew();
        using var response = await client.Http.PostAsync(new Uri(loginUrl, UriKind.Relative), content);
        await response.Content.ReadAsByteArrayAsync();
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
