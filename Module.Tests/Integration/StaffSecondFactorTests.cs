using System.Net;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// "Staff must use two-factor or a passkey", on by default for a new site: staff who sign in with a
/// password alone can reach nothing but their Security page until they set one up; customers are
/// not held; turning the setting off frees staff at their next sign-in.
/// </summary>
public abstract class StaffSecondFactorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 6, 1, 8, 0, 5, TimeSpan.Zero));
    private TestSite _site = null!;

    protected abstract Task<TestSiteOptions> DatabaseAsync();

    public async Task InitializeAsync() => _site = await TestSite.StartAsync((await DatabaseAsync()) with { SetupRecipe = "blank", Clock = _clock });

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Staff_without_a_second_factor_reach_only_their_Security_page_until_they_set_one_up()
    {
        var staff = await TestAccounts.CreateAsync(_site, "clerk@example.com", permissions: [Permissions.ViewCustomers]);
        var customer = await TestAccounts.CreateAsync(_site, "shopper@example.com");
        using var clerk = _site.CreateSiteClient();
        await clerk.SignInAsync(staff, TestAccounts.Password);

        foreach (var url in new[] { "/admin/customers", "/account", "/admin/settings/customer-accounts" })
        {
            using var held = await clerk.GetAsync(url);
            Assert.Equal($"/account/security?returnUrl={Uri.EscapeDataString(url)}", Html.RedirectPathAndQuery(held));
        }

        // A post elsewhere changes nothing either.
        using (var post = await clerk.PostFormAsync("/account/security", [new("FirstName", "Changed")], "/account/profile"))
        {
            Assert.StartsWith("/account/security", Html.RedirectPath(post), StringComparison.Ordinal);
        }

        Assert.Contains("This shop requires staff to sign in with two factors.", Html.Text(await clerk.GetPageAsync("/account/security")), StringComparison.Ordinal);

        // Setting up an authenticator app frees this session at once (its sign-in is made again).
        await TwoFactorClient.EnableAsync(clerk, _clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/admin/customers")).StatusCode);

        // Customers are never held.
        using var shopper = _site.CreateSiteClient();
        await shopper.SignInAsync(customer, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, (await shopper.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task The_administrator_is_held_too_and_turning_the_setting_off_frees_staff_at_their_next_sign_in()
    {
        using var admin = _site.CreateSiteClient();
        await admin.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);
        Assert.StartsWith("/account/security", Html.RedirectPath(await admin.GetAsync("/admin/customers")), StringComparison.Ordinal);

        // Another administrator's session (one with a second factor) turns the requirement off.
        var (key, _) = await TwoFactorClient.EnableAsync(admin, _clock.GetUtcNow());
        using (var saved = await admin.PostFormAsync("/admin/settings/customer-accounts", AccountSettingsForm.Fields(("RequireStaffSecondFactor", "false"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var staff = await TestAccounts.CreateAsync(_site, "second-clerk@example.com", permissions: [Permissions.ViewCustomers]);
        using var clerk = _site.CreateSiteClient();
        await clerk.SignInAsync(staff, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/admin/customers")).StatusCode);
        Assert.NotEmpty(key);
    }
}

public sealed class SqliteStaffSecondFactorTests : StaffSecondFactorTests
{
    protected override Task<TestSiteOptions> DatabaseAsync() => Task.FromResult(new TestSiteOptions());
}

public sealed class PostgresStaffSecondFactorTests(SharedPostgresServer postgres) : StaffSecondFactorTests, IClassFixture<SharedPostgresServer>
{
    protected override async Task<TestSiteOptions> DatabaseAsync() =>
        new() { Provider = Commerce.Customers.Data.DatabaseProvider.PostgreSql, ConnectionString = await postgres.CreateDatabaseAsync("staff2fa") };
}
