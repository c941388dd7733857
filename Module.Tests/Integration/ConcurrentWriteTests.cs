using System.Net;
using Commerce.Customers.Data;
using Commerce.Customers.Host.Shop;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// One customer written by several requests at once: two tabs, a double click, a shared account.
/// The customer row's concurrency stamp makes the later writer notice; neither may get a 500.
/// Runs per provider: on SQLite a checkout's transaction holds the write lock from its start, on
/// PostgreSQL the second writer really does find the row changed.
/// </summary>
public abstract class ConcurrentWriteTests(ITestOutputHelper output) : ManyClientsSiteTests
{
    private const int Writers = 8;
    private const string Email = "dana@ghostbusters.com";
    private const string Password = "Slimer-Ecto-Proton-88";
    private const string ConflictPageMessage = "Someone else saved a change to the same record at the same moment";
    private const string ProfileConflictMessage = "Your details were changed meanwhile, perhaps in another tab, so these were not saved.";

    [Fact]
    public async Task Checkouts_at_once_by_one_signed_in_customer_with_different_details_all_place_their_orders()
    {
        // Signed in, because only the customer's own checkout writes their details (a guest's never does).
        await RegisterDanaAsync();
        var customerId = await Site.WithDbAsync(db => db.Customers.Where(c => c.Email == Email).Select(c => c.Id).SingleAsync());
        var names = Enumerable.Range(0, Writers).Select(i => "Dana" + (char)('A' + i)).ToList();
        var responses = await PostAtOnceAsync(Writers, ShopForms.CheckoutUrl, async client =>
        {
            using var signedIn = await client.PostFormAsync("/account/login", [new("Email", Email), new("Password", Password)]);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            await ShopForms.AddToCartAsync(client);
        }, i => ShopForms.CheckoutFields(Email, ("FirstName", names[i]), ("Phone", $"555-010{i}"), ("Account", "None")));

        var orders = await Site.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var shop = ShopDbContext.On(db);
            return await shop.Orders.AsNoTracking().CountAsync(o => o.CustomerId == customerId);
        });
        var customer = await Site.WithDbAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == customerId));
        output.WriteLine($"{Writers} checkouts at once: {string.Join(", ", responses.Select(r => (int)r.Status))}; {orders} orders; the customer is now {customer.FirstName}, {customer.Phone}");

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Redirect, response.Status));
        Assert.Equal(Writers, orders);
        Assert.Contains(customer.FirstName, names);
        Assert.Equal($"555-010{names.IndexOf(customer.FirstName!)}", customer.Phone);
        Assert.Equal(1, await Site.WithDbAsync(db => db.Customers.CountAsync(c => c.Email == Email)));
    }

    [Fact]
    public async Task Profile_saves_at_once_are_saved_or_shown_again_with_what_was_saved_never_a_500()
    {
        await RegisterDanaAsync();

        var names = Enumerable.Range(0, Writers).Select(i => "Dana" + (char)('A' + i)).ToList();
        var responses = await PostAtOnceAsync(Writers, "/account", async client =>
        {
            using var signedIn = await client.PostFormAsync("/account/login", [new("Email", Email), new("Password", Password)]);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }, i => new Dictionary<string, string> { ["FirstName"] = names[i], ["LastName"] = "Barrett", ["Phone"] = $"555-020{i}" }, postUrl: "/account/profile");

        var customer = await Site.WithDbAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Email == Email));
        output.WriteLine($"{Writers} profile saves at once: {string.Join(", ", responses.Select(r => (int)r.Status))}; the customer is now {customer.FirstName}, {customer.Phone}");

        Assert.All(responses, response => Assert.True(
            response.Status == HttpStatusCode.Redirect || (response.Status == HttpStatusCode.OK && response.Body.Contains(ProfileConflictMessage, StringComparison.Ordinal)),
            $"{(int)response.Status}: {Html.Text(response.Body)[..Math.Min(300, Html.Text(response.Body).Length)]}"));
        Assert.Contains(responses, response => response.Status == HttpStatusCode.Redirect);
        // Whoever won, the row is one request's details whole, never a mix of two.
        Assert.Contains(customer.FirstName, names);
        Assert.Equal($"555-020{names.IndexOf(customer.FirstName!)}", customer.Phone);
    }

    [Fact]
    public async Task Settings_saves_at_once_are_saved_or_answered_with_a_conflict_page_that_says_why_never_a_500()
    {
        var addresses = Enumerable.Range(0, Writers).Select(i => $"https://shop{i}.example").ToList();
        var responses = await PostAtOnceAsync(Writers, "/admin/email-settings", client => client.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword),
            i => new Dictionary<string, string> { ["SiteAddress"] = addresses[i] }, postUrl: "/admin/email-settings/site-address");

        var kept = await Site.WithDbAsync(db => db.SiteSettings.AsNoTracking().Select(settings => settings.BaseUrl).SingleAsync());
        output.WriteLine($"{Writers} settings saves at once: {string.Join(", ", responses.Select(r => (int)r.Status))}; the address is now {kept}");

        Assert.All(responses, response => Assert.True(
            response.Status == HttpStatusCode.Redirect || (response.Status == HttpStatusCode.Conflict && response.Body.Contains(ConflictPageMessage, StringComparison.Ordinal)),
            $"{(int)response.Status}: {Html.Text(response.Body)[..Math.Min(300, Html.Text(response.Body).Length)]}"));
        Assert.Contains(responses, response => response.Status == HttpStatusCode.Redirect);
        Assert.Contains(kept, addresses);
    }

    private async Task RegisterDanaAsync()
    {
        await AccountSettingsForm.AllowUnconfirmedSignInAsync(Site);
        using var registering = Site.CreateSiteClient();
        using var registered = await registering.PostFormAsync("/account/register",
            [new("Email", Email), new("FirstName", "Dana"), new("LastName", "Barrett"), new("Password", Password), new("ConfirmPassword", Password)]);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
    }
}

public sealed class SqliteConcurrentWriteTests(ITestOutputHelper output) : ConcurrentWriteTests(output)
{
    protected override Task<TestSiteOptions> SiteOptionsAsync() => Task.FromResult(new TestSiteOptions());
}

public sealed class PostgresConcurrentWriteTests(SharedPostgresServer postgres, ITestOutputHelper output) : ConcurrentWriteTests(output), IClassFixture<SharedPostgresServer>
{
    protected override async Task<TestSiteOptions> SiteOptionsAsync() =>
        new() { Provider = DatabaseProvider.PostgreSql, ConnectionString = await postgres.CreateDatabaseAsync("concurrentwrites") };
}
