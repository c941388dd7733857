using System.Net;
using Commerce.Customers.Models;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Tests.Integration;

/// <summary>The Roles tab: only for registered customers, only roles the admin may grant, always audited.</summary>
public sealed class RolesTabTests : IAsyncLifetime
{
    private const string ServiceEmail = "service@example.com";
    private const string ServicePassword = "Service-Passw0rd!";
    private TestSite _site = null!;
    private int _frank;

    public async Task InitializeAsync()
    {
        _site = await TestSite.StartAsync();
        _frank = await _site.WithDbAsync(db => db.Customers.Where(c => c.Email == "frank@martin.com").Select(c => c.Id).SingleAsync());
        await _site.WithDbAsync(async (_, services) =>
        {
            var users = services.GetRequiredService<UserManager<ShopUser>>();
            var service = new ShopUser { UserName = ServiceEmail, Email = ServiceEmail };
            Assert.True((await users.CreateAsync(service, ServicePassword)).Succeeded);
            return (await users.AddToRoleAsync(service, "Customer Service")).Succeeded;
        });
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task The_tab_exists_only_for_registered_customers()
    {
        using var admin = await SignedInAsync(TestSite.AdminEmail, TestSite.AdminPassword);
        var apollo = await _site.WithDbAsync(db => db.Customers.Where(c => c.Email == "apollo@creed.com").Select(c => c.Id).SingleAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/customers/{apollo}/roles")).StatusCode);
        var page = await admin.GetPageAsync($"/admin/customers/{_frank}/roles");
        Assert.Contains("value=\"Staff\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Administrator\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_grants_and_removes_roles_and_each_change_is_audited()
    {
        using var admin = await SignedInAsync(TestSite.AdminEmail, TestSite.AdminPassword);

        using (var granted = await admin.PostFormAsync($"/admin/customers/{_frank}/roles", [new("Roles", "Staff"), new("Roles", "Customer Service")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        }

        Assert.Equal(["Customer Service", "Staff"], await RolesOfFrankAsync());
        using (var removed = await admin.PostFormAsync($"/admin/customers/{_frank}/roles", [new("Roles", "Staff")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }

        Assert.Equal(["Staff"], await RolesOfFrankAsync());
        var audits = await _site.WithDbAsync(db => db.LoginAudits.Where(a => a.CustomerId == _frank && a.Action == LoginAuditAction.RolesChanged).OrderBy(a => a.Id).Select(a => a.Details).ToListAsync());
        Assert.Equal(["Added: Customer Service, Staff. Removed: none.", "Added: none. Removed: Customer Service."], audits.Select(text => _site.ReadStoredText(text)));
        // Read by a German-speaking admin, the same rows are German.
        Assert.Equal(["Hinzugefügt: Customer Service, Staff. Entfernt: keine.", "Hinzugefügt: keine. Entfernt: Customer Service."], audits.Select(text => _site.ReadStoredText(text, "de")));
    }

    [Fact]
    public async Task Staff_cannot_grant_a_role_with_permissions_they_lack_and_nothing_changes()
    {
        using var service = await SignedInAsync(ServiceEmail, ServicePassword);

        using (var refused = await service.PostFormAsync($"/admin/customers/{_frank}/roles", [new("Roles", "Administrator")]))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("You may not grant or remove Administrator", WebUtility.HtmlDecode(Html.FieldError(await refused.Content.ReadAsStringAsync(), "Roles")), StringComparison.Ordinal);
        }

        Assert.Empty(await RolesOfFrankAsync());
        Assert.False(await _site.WithDbAsync(db => db.LoginAudits.AnyAsync(a => a.Action == LoginAuditAction.RolesChanged)));

        using (var allowed = await service.PostFormAsync($"/admin/customers/{_frank}/roles", [new("Roles", "Staff")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        }

        Assert.Equal(["Staff"], await RolesOfFrankAsync());
    }

    [Fact]
    public async Task Staff_who_only_view_customers_neither_see_nor_use_the_tab()
    {
        await _site.WithDbAsync(async (_, services) =>
        {
            var users = services.GetRequiredService<UserManager<ShopUser>>();
            var viewer = new ShopUser { UserName = "viewer@example.com", Email = "viewer@example.com" };
            Assert.True((await users.CreateAsync(viewer, ServicePassword)).Succeeded);
            return (await users.AddToRoleAsync(viewer, "Staff")).Succeeded;
        });
        using var viewer = await SignedInAsync("viewer@example.com", ServicePassword);

        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/admin/customers/{_frank}/roles")).StatusCode);
        using var post = await viewer.PostFormAsync($"/admin/customers/{_frank}", [new("Roles", "Administrator")], postUrl: $"/admin/customers/{_frank}/roles");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Empty(await RolesOfFrankAsync());
    }

    private async Task<SiteClient> SignedInAsync(string email, string password)
    {
        var client = _site.CreateSiteClient();
        await client.SignInAsync(email, password);
        return client;
    }

    private Task<List<string>> RolesOfFrankAsync() => _site.WithDbAsync(async (_, services) =>
    {
        var users = services.GetRequiredService<UserManager<ShopUser>>();
        var frank = await users.FindByEmailAsync("frank@martin.com");
        return (await users.GetRolesAsync(frank!)).Order(StringComparer.Ordinal).ToList();
    });
}
