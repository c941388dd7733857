using System.Net;
using Commerce.Customers.Data;
using Commerce.Customers.Memberships;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// The Membership tab and its job, on a fake clock: a role granted for a period arrives when the
/// period starts, a reminder goes out before it ends, and at the end the role goes and the
/// customer is told, each exactly once.
/// </summary>
public abstract class MembershipTests : IAsyncLifetime
{
    private const string Role = "Staff";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.Zero));
    private TestSite _site = null!;
    private int _frank;

    protected abstract Task<TestSiteOptions> SiteOptionsAsync();

    public async Task InitializeAsync()
    {
        _site = await TestSite.StartAsync((await SiteOptionsAsync()) with
        {
            Clock = _clock,
            // The tests run the job's passes themselves, so they know when each happened.
            Settings = new Dictionary<string, string> { ["CommerceCustomers:Memberships:JobEnabled"] = "false" },
        });
        _frank = await _site.WithDbAsync(db => db.Customers.Where(c => c.Email == "frank@martin.com").Select(c => c.Id).SingleAsync());
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task A_membership_grants_the_role_reminds_once_and_expires_once_with_an_email()
    {
        using (var granted = await GrantAsync("2026-03-10", "2026-03-31"))
        {
            Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        }

        Assert.True(await FrankIsInRoleAsync());
        Assert.Equal(MembershipState.Active, (await MembershipsAsync()).Single().State);

        // 8 days before the end: too early for the 7-day reminder.
        _clock.SetUtcNow(new DateTimeOffset(2026, 3, 24, 0, 0, 0, TimeSpan.Zero));
        await RunJobAsync();
        Assert.Empty(await EmailsAsync(EmailTemplateDefinitions.MembershipExpiring));

        _clock.SetUtcNow(new DateTimeOffset(2026, 3, 25, 0, 0, 1, TimeSpan.Zero));
        await RunJobAsync();
        await RunJobAsync();
        var reminder = Assert.Single(await EmailsAsync(EmailTemplateDefinitions.MembershipExpiring));
        // Queued messages are rendered on delivery, so the message's model is what says which membership it is about.
        Assert.Contains("\"validTo\":\"2026-03-31\"", reminder.ModelJson, StringComparison.Ordinal);
        Assert.True(await FrankIsInRoleAsync());

        // The last day still counts; the role goes at midnight after it.
        _clock.SetUtcNow(new DateTimeOffset(2026, 3, 31, 23, 59, 0, TimeSpan.Zero));
        await RunJobAsync();
        Assert.True(await FrankIsInRoleAsync());

        _clock.SetUtcNow(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));
        await RunJobAsync();
        await RunJobAsync();
        Assert.False(await FrankIsInRoleAsync());
        var membership = (await MembershipsAsync()).Single();
        Assert.Equal(MembershipState.Expired, membership.State);
        var expired = Assert.Single(await EmailsAsync(EmailTemplateDefinitions.MembershipExpired));
        Assert.Contains("\"validTo\":\"2026-03-31\"", expired.ModelJson, StringComparison.Ordinal);
        Assert.Equal("frank@martin.com", expired.RecipientEmail);
        Assert.True(await _site.WithDbAsync(db => db.LoginAudits.AnyAsync(a => a.CustomerId == _frank && a.Action == LoginAuditAction.MembershipExpired)));
    }

    [Fact]
    public async Task A_future_membership_waits_then_starts_and_a_renewal_keeps_the_role_across_the_change()
    {
        using (await GrantAsync("2026-03-10", "2026-03-15"))
        using (var renewal = await GrantAsync("2026-03-16", "2026-04-15"))
        {
            Assert.Equal(HttpStatusCode.Redirect, renewal.StatusCode);
        }

        Assert.Equal([MembershipState.Scheduled, MembershipState.Active], (await MembershipsAsync()).OrderByDescending(m => m.ValidFromUtc).Select(m => m.State));

        _clock.SetUtcNow(new DateTimeOffset(2026, 3, 16, 0, 0, 0, TimeSpan.Zero));
        await RunJobAsync();
        Assert.True(await FrankIsInRoleAsync());
        Assert.Equal([MembershipState.Active, MembershipState.Expired], (await MembershipsAsync()).OrderByDescending(m => m.ValidFromUtc).Select(m => m.State));
        Assert.Single(await EmailsAsync(EmailTemplateDefinitions.MembershipExpired));
    }

    [Fact]
    public async Task Bad_grants_are_refused_by_the_field_and_store_nothing()
    {
        using var admin = await _site.AdminClientAsync();
        var cases = new (string Field, string Role, string From, string To, string Message)[]
        {
            ("ValidTo", Role, "2026-03-20", "2026-03-19", "cannot come before"),
            ("ValidTo", Role, "2026-03-01", "2026-03-09", "in the past"),
            ("ValidFrom", Role, "not a date", "2026-04-01", "first day"),
            ("Role", "No such role", "2026-03-10", "2026-04-01", "Choose one of the site's roles"),
        };
        foreach (var (field, role, from, to, message) in cases)
        {
            using var refused = await admin.PostFormAsync($"/admin/customers/{_frank}/membership", Grant(role, from, to));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(message, WebUtility.HtmlDecode(Html.FieldError(await refused.Content.ReadAsStringAsync(), field)), StringComparison.Ordinal);
        }

        Assert.Empty(await MembershipsAsync());
        Assert.False(await FrankIsInRoleAsync());

        using (await GrantAsync("2026-03-10", "2026-03-31"))
        using (var overlapping = await GrantAsync("2026-03-20", "2026-04-30"))
        {
            Assert.Contains("do not overlap", WebUtility.HtmlDecode(Html.FieldError(await overlapping.Content.ReadAsStringAsync(), "ValidFrom")), StringComparison.Ordinal);
        }

        Assert.Single(await MembershipsAsync());
    }

    [Fact]
    public async Task A_role_held_permanently_is_not_turned_into_a_membership_and_ending_early_removes_the_role()
    {
        using var admin = await _site.AdminClientAsync();
        using (await admin.PostFormAsync($"/admin/customers/{_frank}/roles", [new("Roles", "Customer Service")]))
        using (var refused = await admin.PostFormAsync($"/admin/customers/{_frank}/membership", Grant("Customer Service", "2026-03-10", "2026-04-01")))
        {
            Assert.Contains("permanently", WebUtility.HtmlDecode(Html.FieldError(await refused.Content.ReadAsStringAsync(), "Role")), StringComparison.Ordinal);
        }

        using (await GrantAsync("2026-03-10", "2026-04-01"))
        {
            var id = (await MembershipsAsync()).Single().Id;
            using var ended = await admin.PostFormAsync($"/admin/customers/{_frank}/membership", [new("Action", "end"), new("MembershipId", id.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        }

        Assert.False(await FrankIsInRoleAsync());
        Assert.Equal(MembershipState.Ended, (await MembershipsAsync()).Single().State);
        _clock.SetUtcNow(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));
        await RunJobAsync();
        Assert.Empty(await EmailsAsync(EmailTemplateDefinitions.MembershipExpired));
    }

    [Fact]
    public async Task Jobs_running_at_once_on_many_memberships_expire_each_exactly_once()
    {
        // Twenty registered customers, each with a membership that ends on the same day.
        await _site.WithDbAsync(async (db, services) =>
        {
            var users = services.GetRequiredService<UserManager<ShopUser>>();
            for (var i = 0; i < 20; i++)
            {
                var email = $"member{i}@example.com";
                var user = new ShopUser { UserName = email, Email = email };
                Assert.True((await users.CreateAsync(user)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, Role)).Succeeded);
                var customer = new Customer { FirstName = "Member", LastName = $"Number {i}", Email = email, UserId = user.Id, CreatedUtc = _clock.GetUtcNow().UtcDateTime };
                db.Customers.Add(customer);
                await db.SaveChangesAsync();
                db.CustomerMemberships.Add(new CustomerMembership
                {
                    CustomerId = customer.Id, RoleName = Role, State = MembershipState.Active, GrantedBy = "test",
                    GrantedUtc = _clock.GetUtcNow().UtcDateTime, ValidFromUtc = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), ValidToUtc = new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc),
                });
            }

            return await db.SaveChangesAsync();
        });

        _clock.SetUtcNow(new DateTimeOffset(2026, 4, 2, 0, 0, 0, TimeSpan.Zero));
        var passes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(RunJobAsync)));

        Assert.Equal(20, passes.Sum(pass => pass.Expired));
        var emails = await EmailsAsync(EmailTemplateDefinitions.MembershipExpired);
        Assert.Equal(20, emails.Count);
        Assert.Equal(20, emails.Select(email => email.RecipientEmail).Distinct().Count());
        Assert.True(await _site.WithDbAsync(async (_, services) => (await services.GetRequiredService<UserManager<ShopUser>>().GetUsersInRoleAsync(Role)).Count == 0));
    }

    private static List<KeyValuePair<string, string>> Grant(string role, string from, string to) =>
        [new("Action", "grant"), new("Role", role), new("ValidFrom", from), new("ValidTo", to)];

    private async Task<HttpResponseMessage> GrantAsync(string from, string to)
    {
        using var admin = await _site.AdminClientAsync();
        return await admin.PostFormAsync($"/admin/customers/{_frank}/membership", Grant(Role, from, to));
    }

    private Task<MembershipPass> RunJobAsync() =>
        _site.WithDbAsync((_, services) => services.GetRequiredService<MembershipLifecycle>().ProcessDueAsync());

    private Task<List<CustomerMembership>> MembershipsAsync() =>
        _site.WithDbAsync(db => db.CustomerMemberships.AsNoTracking().Where(m => m.CustomerId == _frank).ToListAsync());

    private Task<List<Notification>> EmailsAsync(string template) =>
        _site.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Template == template).ToListAsync());

    private Task<bool> FrankIsInRoleAsync() => _site.WithDbAsync(async (db, services) =>
    {
        var users = services.GetRequiredService<UserManager<ShopUser>>();
        var userId = await db.Customers.Where(c => c.Id == _frank).Select(c => c.UserId).SingleAsync();
        return await users.IsInRoleAsync((await users.FindByIdAsync(userId!))!, Role);
    });
}

public sealed class SqliteMembershipTests : MembershipTests
{
    protected override Task<TestSiteOptions> SiteOptionsAsync() => Task.FromResult(new TestSiteOptions());
}

public sealed class PostgresMembershipTests(SharedPostgresServer postgres) : MembershipTests, IClassFixture<SharedPostgresServer>
{
    protected override async Task<TestSiteOptions> SiteOptionsAsync() =>
        new() { Provider = DatabaseProvider.PostgreSql, ConnectionString = await postgres.CreateDatabaseAsync("membership") };
}

/// <summary>The hosted job itself, without a test calling it: moving the clock past its interval is enough.</summary>
public sealed class MembershipJobTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.Zero));
    private TestSite _site = null!;

    public async Task InitializeAsync() => _site = await TestSite.StartAsync(new TestSiteOptions
    {
        Clock = _clock,
        Settings = new Dictionary<string, string> { ["CommerceCustomers:Memberships:CheckInterval"] = "01:00:00" },
    });

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task The_background_job_expires_a_membership_when_its_interval_comes_round()
    {
        var frank = await _site.WithDbAsync(async db =>
        {
            var customer = await db.Customers.SingleAsync(c => c.Email == "frank@martin.com");
            db.CustomerMemberships.Add(new CustomerMembership
            {
                CustomerId = customer.Id, RoleName = "Staff", State = MembershipState.Active, GrantedBy = "test", GrantedUtc = _clock.GetUtcNow().UtcDateTime,
                ValidFromUtc = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), ValidToUtc = new DateTime(2026, 3, 11, 0, 0, 0, DateTimeKind.Utc),
            });
            await db.SaveChangesAsync();
            return customer.Id;
        });

        _clock.Advance(TimeSpan.FromDays(1));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await _site.WithDbAsync(db => db.CustomerMemberships.AnyAsync(m => m.CustomerId == frank && m.State == MembershipState.Active)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The hosted membership job did not expire the membership.");
            await Task.Delay(100);
            _clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.Single(await _site.WithDbAsync(db => db.Notifications.Where(n => n.Template == EmailTemplateDefinitions.MembershipExpired).ToListAsync()));
    }
}
