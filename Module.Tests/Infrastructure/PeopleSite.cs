using System.Security.Claims;
using Commerce.Customers.Models;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>Who asks: the four columns of the access table.</summary>
public enum Person
{
    Anonymous,

    /// <summary>A registered shop customer: a login linked to a customer, and no role.</summary>
    Customer,

    /// <summary>Staff holding every permission but the one a route needs (or the plain Staff role where none is needed).</summary>
    Staff,

    Administrator,
}

/// <summary>
/// A demo site with one person of each kind, and a staff member per permission who holds every
/// other permission, so "staff without the permission" is as close to allowed as it can be.
/// </summary>
public class PeopleSite : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string> _settings;

    public PeopleSite()
        : this(new Dictionary<string, string>())
    {
    }

    /// <summary>For fixtures that need more configuration, such as background work turned off.</summary>
    protected PeopleSite(IReadOnlyDictionary<string, string> settings) => _settings = settings;

    public const string Password = "People-Passw0rd!";
    public const string CustomerEmail = "shopper@example.com";
    private const string StaffEmail = "staff@example.com";

    public TestSite Site { get; private set; } = null!;

    /// <summary>A customer without a login, the demo's Apollo Creed.</summary>
    public int UnregisteredCustomerId { get; private set; }

    /// <summary>The signed-in customer's own record.</summary>
    public int RegisteredCustomerId { get; private set; }

    public virtual async Task InitializeAsync()
    {
        Site = await TestSite.StartAsync(await DatabaseAsync(new TestSiteOptions
        {
            // Hundreds of sign-in and registration posts come from one address; the limit has its own test.
            Settings = new Dictionary<string, string>(_settings) { ["CommerceCustomers:Accounts:RequestsPerMinutePerIp"] = "1000000" },
        }));

        (UnregisteredCustomerId, RegisteredCustomerId) = await Site.WithDbAsync(async (db, services) =>
        {
            var users = services.GetRequiredService<UserManager<ShopUser>>();
            var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
            await CreateUserAsync(users, StaffEmail, "Staff");
            foreach (var missing in Permissions.All)
            {
                var role = new IdentityRole("All but " + missing.Name);
                Assert.True((await roles.CreateAsync(role)).Succeeded);
                // Manage permissions imply View, so a role without View must hold none that implies it.
                foreach (var held in Permissions.All.Where(permission => permission != missing && !missing.ImpliedBy.Contains(permission)))
                {
                    Assert.True((await roles.AddClaimAsync(role, new Claim(Permissions.ClaimType, held.Name))).Succeeded);
                }

                await CreateUserAsync(users, StaffEmailWithout(missing), role.Name!);
            }

            var shopper = await CreateUserAsync(users, CustomerEmail, role: null);
            var customer = new Customer { LastName = "Shopper", FirstName = "Sam", Email = CustomerEmail, UserId = shopper.Id, CreatedUtc = DateTime.UtcNow };
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            var apollo = await db.Customers.Where(c => c.Email == "apollo@creed.com").Select(c => c.Id).SingleAsync();
            return (apollo, customer.Id);
        });
    }

    public virtual async Task DisposeAsync() => await Site.DisposeAsync();

    /// <summary>The site's database: SQLite in its own folder unless a derived fixture chooses another.</summary>
    protected virtual Task<TestSiteOptions> DatabaseAsync(TestSiteOptions options) => Task.FromResult(options);

    /// <summary>A client for <paramref name="person"/>, signed in unless anonymous. For staff, <paramref name="lacking"/> is the permission they lack.</summary>
    public async Task<SiteClient> ClientAsync(Person person, Permission? lacking = null)
    {
        var client = Site.CreateSiteClient();
        var email = person switch
        {
            Person.Anonymous => null,
            Person.Customer => CustomerEmail,
            Person.Staff => lacking is null ? StaffEmail : StaffEmailWithout(lacking),
            _ => TestSite.AdminEmail,
        };
        if (email is not null)
        {
            await client.SignInAsync(email, person == Person.Administrator ? TestSite.AdminPassword : Password);
        }

        return client;
    }

    private static string StaffEmailWithout(Permission permission) => $"without-{permission.Name.ToLowerInvariant()}@example.com";

    private static async Task<ShopUser> CreateUserAsync(UserManager<ShopUser> users, string email, string? role)
    {
        var user = new ShopUser { UserName = email, Email = email };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        if (role is not null)
        {
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }

        return user;
    }
}

/// <summary>The people site with Identity's production password hashing, for tests that time sign-in and registration.</summary>
public sealed class ProductionHashingPeopleSite : PeopleSite
{
    protected override Task<TestSiteOptions> DatabaseAsync(TestSiteOptions options) => Task.FromResult(options with { ProductionPasswordHashing = true });
}
