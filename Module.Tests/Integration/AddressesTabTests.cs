using System.Net;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Tests.Integration;

/// <summary>The Addresses tab: add, edit, defaults and delete, with validation by the field.</summary>
public sealed class AddressesTabTests : IAsyncLifetime
{
    private TestSite _site = null!;
    private SiteClient _admin = null!;
    private int _customerId;

    public async Task InitializeAsync()
    {
        _site = await TestSite.StartAsync();
        _admin = _site.CreateSiteClient();
        await _admin.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);
        _customerId = await _site.WithDbAsync(db => db.Customers.Where(c => c.Email == "frank@martin.com").Select(c => c.Id).SingleAsync());
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _site.DisposeAsync();
    }

    private string TabUrl => $"/admin/customers/{_customerId}/addresses";

    [Fact]
    public async Task Addresses_are_added_edited_given_single_defaults_and_deleted()
    {
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(("Name", "Home"), ("Line1", "1 Rue de Rivoli"), ("City", "Paris"), ("PostalCode", "75001"), ("Country", "fr"), ("IsDefaultShipping", "true"), ("IsDefaultBilling", "true"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(("Name", "Office"), ("Line1", "10 Downing Street"), ("City", "London"), ("PostalCode", "SW1A 2AA"), ("Country", "GB"), ("IsDefaultShipping", "true"))).StatusCode);

        var addresses = await AddressesAsync();
        Assert.Equal(["Home|FR|False|True", "Office|GB|True|False"], addresses.Select(a => $"{a.Name}|{a.Country}|{a.IsDefaultShipping}|{a.IsDefaultBilling}"));

        var office = addresses.Single(a => a.Name == "Office");
        var editPage = await _admin.GetPageAsync($"{TabUrl}?edit={office.Id}");
        Assert.Contains("Edit the address Office", editPage, StringComparison.Ordinal);
        Assert.Contains("value=\"10 Downing Street\"", editPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(("AddressId", office.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Name", "Office"), ("Line1", "11 Downing Street"), ("City", "London"), ("PostalCode", "SW1A 2AB"), ("Country", "GB"), ("IsDefaultShipping", "true"), ("IsDefaultBilling", "true"))).StatusCode);
        Assert.Equal(["Home|False|False", "Office|True|True"], (await AddressesAsync()).Select(a => $"{a.Name}|{a.IsDefaultShipping}|{a.IsDefaultBilling}"));

        using var deleted = await _admin.PostFormAsync(TabUrl, [new("Action", "delete"), new("AddressId", office.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var remaining = Assert.Single(await AddressesAsync());
        Assert.Equal(("Home", true, true), (remaining.Name, remaining.IsDefaultShipping, remaining.IsDefaultBilling));
    }

    [Theory]
    [InlineData("Name", "", "Name the address")]
    [InlineData("Line1", "", "Enter the street and number.")]
    [InlineData("Country", "Narnia", "Choose a country")]
    [InlineData("Country", "XX", "Choose a country")]
    [InlineData("PostalCode", "", "Enter the postal code.")]
    public async Task Invalid_addresses_are_refused_by_the_field_and_nothing_is_saved(string field, string value, string message)
    {
        var fields = new Dictionary<string, string> { ["Name"] = "Home", ["Line1"] = "1 Main Street", ["City"] = "Springfield", ["PostalCode"] = "12345", ["Country"] = "US", [field] = value };

        using var response = await SaveAsync(fields.Select(pair => (pair.Key, pair.Value)).ToArray());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, Html.FieldError(await response.Content.ReadAsStringAsync(), field), StringComparison.Ordinal);
        Assert.Empty(await AddressesAsync());
    }

    [Fact]
    public async Task Another_customers_address_cannot_be_edited_through_this_customer()
    {
        var apolloId = await _site.WithDbAsync(db => db.Customers.Where(c => c.Email == "apollo@creed.com").Select(c => c.Id).SingleAsync());
        var foreign = await _site.WithDbAsync(async db =>
        {
            var address = new Models.CustomerAddress { CustomerId = apolloId, Name = "Gym", Line1 = "1 Ring Road", City = "Philadelphia", PostalCode = "19101", Country = "US" };
            db.CustomerAddresses.Add(address);
            await db.SaveChangesAsync();
            return address.Id;
        });

        using var response = await SaveAsync(("AddressId", foreign.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Name", "Stolen"), ("Line1", "x"), ("City", "x"), ("PostalCode", "1"), ("Country", "US"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The address no longer exists.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Gym", await _site.WithDbAsync(db => db.CustomerAddresses.Where(a => a.Id == foreign).Select(a => a.Name).SingleAsync()));
    }

    private async Task<HttpResponseMessage> SaveAsync(params (string Field, string Value)[] fields) =>
        await _admin.PostFormAsync(TabUrl, fields.Select(field => new KeyValuePair<string, string>(field.Field, field.Value)).Prepend(new("Action", "save")));

    private Task<List<Models.CustomerAddress>> AddressesAsync() =>
        _site.WithDbAsync(db => db.CustomerAddresses.AsNoTracking().Where(a => a.CustomerId == _customerId).OrderBy(a => a.Name).ToListAsync());
}
