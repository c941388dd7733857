using System.Net;
using System.Text;
using Commerce.Customers.Host.Shop;
using Commerce.Customers.Models;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Tests.Integration;

/// <summary>The people of <see cref="PeopleSite"/>, plus the records the access table's addresses name.</summary>
public sealed class AccessTableSite : IAsyncLifetime
{
    private readonly Dictionary<SiteClientKey, SiteClient> _clients = [];
    private Dictionary<string, string> _placeholders = [];

    public PeopleSite People { get; } = new();

    public TestSite Site => People.Site;

    public async Task InitializeAsync()
    {
        await People.InitializeAsync();
        var (victim, bulkVictim, victimAddress, product) = await Site.WithDbAsync(async db =>
        {
            var victim = new Customer { LastName = "Victim", Email = "victim@example.com", CreatedUtc = DateTime.UtcNow };
            var bulkVictim = new Customer { LastName = "Bulk victim", Email = "bulk-victim@example.com", CreatedUtc = DateTime.UtcNow };
            db.Customers.AddRange(victim, bulkVictim);
            await db.SaveChangesAsync();
            // Someone else's address, for My account's address routes.
            var victimAddress = new CustomerAddress { CustomerId = victim.Id, Name = "Home", Line1 = "1 Victim Road", City = "Springfield", PostalCode = "12345", Country = "US", IsDefaultShipping = true, IsDefaultBilling = true };
            db.CustomerAddresses.Add(victimAddress);
            await db.SaveChangesAsync();
            await using var shop = ShopDbContext.On(db);
            var product = await shop.Products.Where(p => !p.MembersOnly).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
            return (victim.Id, bulkVictim.Id, victimAddress.Id, product);
        });

        // An import waiting to be confirmed, for the job rows.
        using var admin = await People.ClientAsync(Person.Administrator);
        using var upload = await admin.PostFileAsync("/admin/customers/import", "file", "people.csv",
            Encoding.UTF8.GetBytes("Company,Last name,First name,Email\r\n,Imported,Ivy,ivy@example.com\r\n"));
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var job = Html.RedirectPath(upload).Split('/')[^1];

        _placeholders = new Dictionary<string, string>
        {
            ["{customer}"] = People.UnregisteredCustomerId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{registered}"] = People.RegisteredCustomerId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{victim}"] = victim.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{bulk-victim}"] = bulkVictim.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{victim-address}"] = victimAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{product}"] = product.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{job}"] = job,
            ["{notification}"] = "0b0e8d8c-1f4e-4f43-9a57-3d2a0a9e3f10",
        };
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await People.DisposeAsync();
    }

    /// <summary>The row's address or form with its placeholders filled in.</summary>
    public string Fill(string text) =>
        _placeholders.Aggregate(text, (filled, placeholder) => filled.Replace(placeholder.Key, placeholder.Value, StringComparison.Ordinal));

    /// <summary>The person a row is asked as: staff lack the row's permission. Clients are reused unless the row signs out.</summary>
    public async Task<SiteClient> ClientForAsync(Person person, AccessRow row)
    {
        // Signing out renews the user's security stamp, which ends all their sessions: after a row
        // that signs out, every client of that person signs in afresh.
        var key = new SiteClientKey(person, person == Person.Staff ? row.Needs : null, row.SignsOut);
        if (row.SignsOut)
        {
            foreach (var samePerson in _clients.Keys.Where(other => other.Person == key.Person && other.Lacking == key.Lacking).ToList())
            {
                _clients.Remove(samePerson, out var signedOut);
                signedOut?.Dispose();
            }
        }

        if (!_clients.TryGetValue(key, out var client))
        {
            client = await People.ClientAsync(person, key.Lacking);
            _clients[key] = client;
        }

        return client;
    }

    private sealed record SiteClientKey(Person Person, Permission? Lacking, bool SignsOut);
}
