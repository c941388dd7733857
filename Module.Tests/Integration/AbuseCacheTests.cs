using Commerce.Customers.Tests.Infrastructure;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// Issue 13, example 10: <c>Cache-Control: no-store</c> on every signed-in page and on the export,
/// so a shared computer's cache or a proxy keeps no customer data.
/// </summary>
public sealed class AbuseCacheTests(PeopleSite site) : IClassFixture<PeopleSite>
{
    [Fact]
    public async Task Every_signed_in_page_and_the_export_say_no_store()
    {
        using var admin = await site.ClientAsync(Person.Administrator);
        using var customer = await site.ClientAsync(Person.Customer);
        var asked = new List<(SiteClient Client, string Url)>
        {
            (admin, "/admin/customers"), (admin, "/admin/customers/export"), (admin, $"/admin/customers/{site.RegisteredCustomerId}/general"),
            (admin, $"/admin/customers/{site.RegisteredCustomerId}/login-details"), (admin, "/admin/settings/customer-accounts"),
            (admin, "/admin/customers/import"), (admin, "/admin/customers/999999"), (admin, "/account"),
            (customer, "/account"), (customer, "/account/change-password"), (customer, "/members"), (customer, "/account/orders/none"), (customer, "/shop"),
        };

        var failures = new List<string>();
        foreach (var (client, url) in asked)
        {
            using var response = await client.GetAsync(url);
            if (response.Headers.CacheControl?.NoStore != true)
            {
                failures.Add($"GET {url} ({(int)response.StatusCode}): Cache-Control {response.Headers.CacheControl}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}
