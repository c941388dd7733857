using Commerce.Customers.Host.Shop;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// The people's site with its background work turned off (email dispatch, bulk jobs, memberships),
/// so that every change between two snapshots was made by the request in between.
/// </summary>
public class HostileInputSite() : PeopleSite(new Dictionary<string, string>
{
    ["CommerceCustomers:Email:Dispatcher:Enabled"] = "false",
    ["CommerceCustomers:BulkJobs:Enabled"] = "false",
    ["CommerceCustomers:Memberships:JobEnabled"] = "false",
})
{
    private readonly Dictionary<Person, SiteClient> _clients = [];

    /// <summary>Frank, registered by the demo recipe: the Login details, Roles and Membership tabs are his.</summary>
    public int FrankId { get; private set; }

    public int ProductId { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // A registration that signs in at once answers with a redirect, which the attack reads as accepted;
        // "check your email" would be a 200 it reads as a refusal. MailboxProofTests covers that answer.
        await AccountSettingsForm.AllowUnconfirmedSignInAsync(Site);
        (FrankId, ProductId) = await Site.WithDbAsync(async db =>
        {
            var frank = await db.Customers.Where(c => c.Email == "frank@martin.com").Select(c => c.Id).SingleAsync();
            await using var shop = ShopDbContext.On(db);
            return (frank, await shop.Products.Where(p => !p.MembersOnly).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        });
    }

    public override async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await base.DisposeAsync();
    }

    /// <summary>One client per person for the whole class, signed in once.</summary>
    public async Task<SiteClient> SharedClientAsync(Person person)
    {
        if (!_clients.TryGetValue(person, out var client))
        {
            client = await ClientAsync(person);
            _clients[person] = client;
        }

        return client;
    }
}
