using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Commerce.Customers.Models;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// My account's addresses: a signed-in customer adds, edits, deletes and chooses the default
/// shipping address of their own record, and of no one else's, over real HTTP with antiforgery tokens.
/// </summary>
public sealed partial class MyAccountAddressesTests : IAsyncLifetime
{
    private const string Frank = "frank@martin.com"; // registered in the demo recipe
    private const string Apollo = "apollo@creed.com"; // unregistered in the demo recipe
    private const string FranksPassword = "Old-Secret-Pass-77";
    private const string ApollosStreet = "7 Creed Gym Road";
    private SmtpTestServer _smtp = null!;
    private TestSite _site = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _site = await TestSite.StartAsync(new TestSiteOptions
        {
            Smtp = _smtp,
            Settings = new Dictionary<string, string>
            {
                ["CommerceCustomers:Accounts:RequestsPerMinutePerIp"] = "1000",
                ["CommerceCustomers:Accounts:SessionRevalidationInterval"] = "00:00:00",
            },
        });
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_customer_adds_edits_chooses_the_default_and_deletes_their_own_addresses()
    {
        using var frank = await FrankAsync();
        var franksId = await CustomerIdAsync(Frank);
        var form = await frank.GetPageAsync("/account/addresses/new");
        Assert.Contains("action=\"/account/addresses\"", form, StringComparison.Ordinal);

        using (var added = await frank.PostFormAsync("/account/addresses/new", Fields(("Name", "Home"), ("Line1", "1 Elm Street"), ("City", "Philadelphia"), ("PostalCode", "19107"), ("Country", "us")), postUrl: "/account/addresses"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
            Assert.Equal("/account", Html.RedirectPath(added));
        }

        var account = await frank.GetPageAsync("/account");
        Assert.Contains("The address Home was saved.", account, StringComparison.Ordinal);
        Assert.Contains("Philadelphia 19107\nUnited States", WebUtility.HtmlDecode(account), StringComparison.Ordinal);
        var home = Assert.Single(await AddressesAsync(franksId));
        Assert.Equal(("Home", "US", true), (home.Name, home.Country, home.IsDefaultShipping));

        using (var added = await frank.PostFormAsync("/account/addresses/new", Fields(("Name", "Office"), ("Line1", "Unter den Linden 1"), ("City", "Berlin"), ("PostalCode", "10117"), ("Country", "DE")), postUrl: "/account/addresses"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var office = (await AddressesAsync(franksId)).Single(a => a.Name == "Office");
        Assert.Equal(["Home|True", "Office|False"], (await AddressesAsync(franksId)).Select(a => $"{a.Name}|{a.IsDefaultShipping}"));
        Assert.Contains("10117 Berlin\nGermany", WebUtility.HtmlDecode(await frank.GetPageAsync("/account")), StringComparison.Ordinal);

        using (var chosen = await frank.PostFormAsync("/account", [], postUrl: $"/account/addresses/{office.Id}/default"))
        {
            Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        }

        Assert.Equal(["Home|False", "Office|True"], (await AddressesAsync(franksId)).Select(a => $"{a.Name}|{a.IsDefaultShipping}"));

        var edit = await frank.GetPageAsync($"/account/addresses/{home.Id}");
        Assert.Contains("value=\"1 Elm Street\"", edit, StringComparison.Ordinal);
        Assert.Contains($"action=\"/account/addresses/{home.Id}\"", edit, StringComparison.Ordinal);
        using (var saved = await frank.PostFormAsync($"/account/addresses/{home.Id}", Fields(("Name", "Home"), ("Line1", "2 Elm Street"), ("City", "Philadelphia"), ("PostalCode", "19107"), ("Country", "US"), ("IsDefaultShipping", "true"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal(["Home|2 Elm Street|True", "Office|Unter den Linden 1|False"], (await AddressesAsync(franksId)).Select(a => $"{a.Name}|{a.Line1}|{a.IsDefaultShipping}"));

        using (var deleted = await frank.PostFormAsync("/account", [], postUrl: $"/account/addresses/{home.Id}/delete"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        Assert.Contains("The address Home was deleted.", await frank.GetPageAsync("/account"), StringComparison.Ordinal);
        // A customer with addresses always keeps a default for shipping.
        var left = Assert.Single(await AddressesAsync(franksId));
        Assert.Equal(("Office", true), (left.Name, left.IsDefaultShipping));
    }

    [Fact]
    public async Task Another_customers_address_answers_404_to_reading_editing_deleting_and_choosing_it_and_nothing_changes()
    {
        var foreign = await GiveApolloAnAddressAsync();
        using var frank = await FrankAsync();
        var before = await DatabaseSnapshot.TakeAsync(_site);

        using (var read = await frank.GetAsync($"/account/addresses/{foreign}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
            Assert.DoesNotContain(ApollosStreet, await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var stolen = Fields(("Name", "Stolen"), ("Line1", "666 Attacker Street"), ("City", "Nowhere"), ("PostalCode", "66666"), ("Country", "US"), ("IsDefaultShipping", "true"));
        foreach (var url in new[] { $"/account/addresses/{foreign}", $"/account/addresses/{foreign}/delete", $"/account/addresses/{foreign}/default" })
        {
            using var response = await frank.PostFormAsync("/account", stolen, postUrl: url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(_site));

        // Nor by smuggling the id into the form of a new address.
        using (var smuggled = await frank.PostFormAsync("/account/addresses/new", stolen.Append(new("AddressId", foreign.ToString(CultureInfo.InvariantCulture))), postUrl: "/account/addresses"))
        {
            Assert.Equal(HttpStatusCode.Redirect, smuggled.StatusCode);
        }

        var apollos = Assert.Single(await AddressesAsync(await CustomerIdAsync(Apollo)));
        Assert.Equal((ApollosStreet, "Home"), (apollos.Line1, apollos.Name));
        Assert.Equal("Stolen", Assert.Single(await AddressesAsync(await CustomerIdAsync(Frank))).Name);
        Assert.DoesNotContain(ApollosStreet, await frank.GetPageAsync("/account"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Name", "", "Name the address")]
    [InlineData("Name", "Home\r\nBcc: x@evil.com", "without line breaks")]
    [InlineData("Line1", "", "Enter the street and number.")]
    [InlineData("Line1", "over-long", "Use at most 200 characters")]
    [InlineData("City", "tab\there", "without line breaks")]
    [InlineData("City", "\u0085next", "without line breaks")]
    [InlineData("PostalCode", "over-long", "Use at most 20 characters")]
    [InlineData("Recipient", "\u001b[31mred", "without line breaks")]
    [InlineData("Country", "<script>window.__xss=1</script>", "Choose a country")]
    [InlineData("Country", "XX", "Choose a country")]
    public async Task Invalid_or_hostile_values_are_refused_by_the_field_on_add_and_edit_and_nothing_is_saved(string field, string value, string message)
    {
        using var frank = await FrankAsync();
        var franksId = await CustomerIdAsync(Frank);
        var valid = new Dictionary<string, string> { ["Name"] = "Home", ["Line1"] = "1 Main Street", ["City"] = "Springfield", ["PostalCode"] = "12345", ["Country"] = "US" };
        var hostile = new Dictionary<string, string>(valid) { [field] = value == "over-long" ? new string('x', 1000) : value };

        using (var refused = await frank.PostFormAsync("/account/addresses/new", hostile, postUrl: "/account/addresses"))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await refused.Content.ReadAsStringAsync();
            Assert.Contains(message, Html.FieldError(page, field), StringComparison.Ordinal);
            Assert.DoesNotContain("<script>window.__xss", page, StringComparison.Ordinal);
        }

        Assert.Empty(await AddressesAsync(franksId));

        using (var added = await frank.PostFormAsync("/account/addresses/new", valid, postUrl: "/account/addresses"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var saved = Assert.Single(await AddressesAsync(franksId));
        var before = await DatabaseSnapshot.TakeAsync(_site);
        using (var refused = await frank.PostFormAsync($"/account/addresses/{saved.Id}", hostile))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(message, Html.FieldError(await refused.Content.ReadAsStringAsync(), field), StringComparison.Ordinal);
        }

        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(_site));
    }

    [Fact]
    public async Task A_nul_in_a_value_is_refused_as_the_rest_of_the_site_refuses_it_and_nothing_is_saved()
    {
        using var frank = await FrankAsync();
        var before = await DatabaseSnapshot.TakeAsync(_site);

        // The form reader refuses a NUL before the action runs (see ErrorController); PostgreSQL could not store one.
        using var refused = await frank.PostFormAsync("/account/addresses/new", Fields(("Name", "Home"), ("Line1", "1 Main Street"), ("City", "a\0b"), ("PostalCode", "12345"), ("Country", "US")), postUrl: "/account/addresses");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(_site));
    }

    [Fact]
    public async Task Markup_typed_into_an_address_is_shown_as_text_and_never_runs()
    {
        using var frank = await FrankAsync();
        using (var added = await frank.PostFormAsync("/account/addresses/new", Fields(("Name", "<b>Home</b>"), ("Line1", "<script>window.__xss=1</script>"), ("City", "<img src=x onerror=\"window.__xss=1\">"), ("PostalCode", "12345"), ("Country", "US")), postUrl: "/account/addresses"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var id = Assert.Single(await AddressesAsync(await CustomerIdAsync(Frank))).Id;
        foreach (var page in new[] { await frank.GetPageAsync("/account"), await frank.GetPageAsync($"/account/addresses/{id}") })
        {
            Assert.DoesNotContain("<script>window.__xss", page, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>Home</b>", page, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Posts_without_an_antiforgery_token_are_refused_and_change_nothing()
    {
        using var frank = await FrankAsync();
        using (var added = await frank.PostFormAsync("/account/addresses/new", Fields(("Name", "Home"), ("Line1", "1 Main Street"), ("City", "Springfield"), ("PostalCode", "12345"), ("Country", "US")), postUrl: "/account/addresses"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var own = Assert.Single(await AddressesAsync(await CustomerIdAsync(Frank))).Id;
        var before = await DatabaseSnapshot.TakeAsync(_site);
        var fields = Fields(("Name", "Forged"), ("Line1", "666 Attacker Street"), ("City", "Nowhere"), ("PostalCode", "66666"), ("Country", "US"), ("IsDefaultShipping", "true"));
        foreach (var url in new[] { "/account/addresses", $"/account/addresses/{own}", $"/account/addresses/{own}/delete", $"/account/addresses/{own}/default" })
        {
            using var response = await frank.PostWithoutTokenAsync(url, fields);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(_site));
    }

    [Fact]
    public async Task Staff_who_are_not_customers_get_what_my_account_gives_them_and_change_nothing()
    {
        var foreign = await GiveApolloAnAddressAsync();
        using var admin = await _site.AdminClientAsync();
        var before = await DatabaseSnapshot.TakeAsync(_site);

        // As on /account: the page says this login is not a customer's, and there is no form to post.
        var account = await admin.GetPageAsync("/account");
        Assert.Contains("which is not a customer account", account, StringComparison.Ordinal);
        var page = await admin.GetPageAsync("/account/addresses/new");
        Assert.Contains("which is not a customer account", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Line1\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/account/addresses/{foreign}")).StatusCode);

        // As /account/profile: whoever has no customer record finds nothing to post to.
        var fields = Fields(("Name", "Staff"), ("Line1", "1 Office Park"), ("City", "Springfield"), ("PostalCode", "12345"), ("Country", "US"), ("IsDefaultShipping", "true"));
        foreach (var url in new[] { "/account/addresses", $"/account/addresses/{foreign}", $"/account/addresses/{foreign}/delete", $"/account/addresses/{foreign}/default" })
        {
            // Its sign-in page gives the token: staff have no form on My account.
            using var response = await admin.PostFormAsync("/admin/login", fields, postUrl: url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(_site));
    }

    [Fact]
    public async Task An_unconfirmed_self_registered_account_manages_only_the_record_it_created()
    {
        var foreign = await GiveApolloAnAddressAsync();
        var apollosRecord = await CustomerIdAsync(Apollo);
        await AccountSettingsForm.AllowUnconfirmedSignInAsync(_site);
        using var attacker = _site.CreateSiteClient();
        using (var registered = await attacker.PostFormAsync("/account/register",
            [new("Email", Apollo), new("FirstName", "Mallory"), new("LastName", "Evil"), new("Password", "Crimson-Ladder-Falcon-63"), new("ConfirmPassword", "Crimson-Ladder-Falcon-63")]))
        {
            Assert.Equal("/account", Html.RedirectPath(registered));
        }

        Assert.DoesNotContain(ApollosStreet, await attacker.GetPageAsync("/account"), StringComparison.Ordinal);
        await EmailsSentAsync();
        var before = await DatabaseSnapshot.TakeAsync(_site);
        Assert.Equal(HttpStatusCode.NotFound, (await attacker.GetAsync($"/account/addresses/{foreign}")).StatusCode);
        var stolen = Fields(("Name", "Home"), ("Line1", "666 Attacker Street"), ("City", "Nowhere"), ("PostalCode", "66666"), ("Country", "US"), ("IsDefaultShipping", "true"));
        foreach (var url in new[] { $"/account/addresses/{foreign}", $"/account/addresses/{foreign}/delete", $"/account/addresses/{foreign}/default" })
        {
            using var response = await attacker.PostFormAsync("/account", stolen, postUrl: url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(_site));

        // What it adds goes to its own record; the older record with that email keeps its address alone.
        using (var added = await attacker.PostFormAsync("/account/addresses/new", stolen, postUrl: "/account/addresses"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var own = await _site.WithDbAsync(db => db.Customers.Where(c => c.Email == Apollo && c.UserId != null).Select(c => c.Id).SingleAsync());
        Assert.NotEqual(apollosRecord, own);
        Assert.Equal("666 Attacker Street", Assert.Single(await AddressesAsync(own)).Line1);
        var apollos = Assert.Single(await AddressesAsync(apollosRecord));
        Assert.Equal((ApollosStreet, true), (apollos.Line1, apollos.IsDefaultShipping));
    }

    [Fact]
    public async Task An_address_form_saved_after_the_record_changed_elsewhere_saves_nothing_and_shows_the_saved_address()
    {
        using var frank = await FrankAsync();
        var franksId = await CustomerIdAsync(Frank);
        using (var added = await frank.PostFormAsync("/account/addresses/new", Fields(("Name", "Home"), ("Line1", "1 Main Street"), ("City", "Springfield"), ("PostalCode", "12345"), ("Country", "US")), postUrl: "/account/addresses"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var home = Assert.Single(await AddressesAsync(franksId));
        // Tab 1 opens the form; tab 2 then saves the same address.
        var staleForm = await frank.GetPageAsync($"/account/addresses/{home.Id}");
        var stamp = StampPattern().Match(staleForm);
        Assert.True(stamp.Success, "The address form carries no concurrency stamp.");
        using (var other = await frank.PostFormAsync($"/account/addresses/{home.Id}", Fields(("Name", "Home"), ("Line1", "2 Second Street"), ("City", "Springfield"), ("PostalCode", "12345"), ("Country", "US"), ("IsDefaultShipping", "true"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        }

        var before = await DatabaseSnapshot.TakeAsync(_site);
        using var content = new FormUrlEncodedContent(Fields(("Name", "Home"), ("Line1", "3 Stale Street"), ("City", "Springfield"), ("PostalCode", "12345"), ("Country", "US"), ("IsDefaultShipping", "true"),
            ("ConcurrencyStamp", WebUtility.HtmlDecode(stamp.Groups[1].Value)), ("__RequestVerificationToken", SiteClient.AntiforgeryToken(staleForm))));
        using var stale = await frank.Http.PostAsync(new Uri($"/account/addresses/{home.Id}", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await stale.Content.ReadAsStringAsync();
        Assert.Contains("changed meanwhile", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains("value=\"2 Second Street\"", page, StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(_site));
    }

    private async Task<SiteClient> FrankAsync()
    {
        Assert.True(await _site.WithDbAsync(async (_, services) =>
        {
            var users = services.GetRequiredService<UserManager<ShopUser>>();
            var user = await users.FindByEmailAsync(Frank);
            return (await users.ResetPasswordAsync(user!, await users.GeneratePasswordResetTokenAsync(user!), FranksPassword)).Succeeded;
        }));
        var client = _site.CreateSiteClient();
        using var signIn = await client.PostFormAsync("/account/login", [new("Email", Frank), new("Password", FranksPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    /// <summary>Waits until the outbox has sent what is due, so that its writes are not taken for a post's.</summary>
    private async Task EmailsSentAsync()
    {
        await _smtp.WaitForAsync(1, TimeSpan.FromSeconds(20));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await _site.WithDbAsync(db => db.Notifications.AnyAsync(n => (n.Status == NotificationStatus.Queued && n.NextAttemptUtc <= DateTime.UtcNow) || n.Status == NotificationStatus.Sending)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The confirmation email was not sent within 20 seconds.");
            await Task.Delay(100);
        }
    }

    private async Task<int> GiveApolloAnAddressAsync()
    {
        var id = await CustomerIdAsync(Apollo);
        return await _site.WithDbAsync(async db =>
        {
            var address = new CustomerAddress { CustomerId = id, Name = "Home", Line1 = ApollosStreet, City = "Philadelphia", PostalCode = "19103", Country = "US", IsDefaultShipping = true, IsDefaultBilling = true };
            db.CustomerAddresses.Add(address);
            await db.SaveChangesAsync();
            return address.Id;
        });
    }

    private Task<int> CustomerIdAsync(string email) =>
        _site.WithDbAsync(db => db.Customers.OrderBy(c => c.Id).Where(c => c.Email == email).Select(c => c.Id).FirstAsync());

    private Task<List<CustomerAddress>> AddressesAsync(int customerId) =>
        _site.WithDbAsync(db => db.CustomerAddresses.AsNoTracking().Where(a => a.CustomerId == customerId).OrderBy(a => a.Name).ToListAsync());

    private static List<KeyValuePair<string, string>> Fields(params (string Field, string Value)[] fields) =>
        fields.Select(field => new KeyValuePair<string, string>(field.Field, field.Value)).ToList();

    [GeneratedRegex("name=\"ConcurrencyStamp\" value=\"([^\"]+)\"")]
    private static partial Regex StampPattern();
}

/// <summary>Addresses read as the post of their country expects, with the country named in the reader's language.</summary>
public sealed class CustomerAddressFormatTests
{
    [Theory]
    [InlineData("US", "en", "Rocky Balboa\n1818 Tusculum Street\nPhiladelphia, PA 19134\nUnited States")]
    [InlineData("DE", "en", "Rocky Balboa\n1818 Tusculum Street\n19134 Philadelphia, PA\nGermany")]
    [InlineData("DE", "de", "Rocky Balboa\n1818 Tusculum Street\n19134 Philadelphia, PA\nDeutschland")]
    [InlineData("AT", "de", "Rocky Balboa\n1818 Tusculum Street\n19134 Philadelphia, PA\nÖsterreich")]
    [InlineData("CH", "en", "Rocky Balboa\n1818 Tusculum Street\n19134 Philadelphia, PA\nSwitzerland")]
    [InlineData("GB", "en", "Rocky Balboa\n1818 Tusculum Street\nPHILADELPHIA, PA\n19134\nUnited Kingdom")]
    [InlineData("US", "de", "Rocky Balboa\n1818 Tusculum Street\nPhiladelphia, PA 19134\nVereinigte Staaten")]
    public void Each_country_reads_as_its_post_expects(string country, string language, string expected)
    {
        var address = new CustomerAddress { Recipient = "Rocky Balboa", Line1 = "1818 Tusculum Street", City = "Philadelphia, PA", PostalCode = "19134", Country = country };

        Assert.Equal(expected, address.ToMultiline(CultureInfo.GetCultureInfo(language)));
    }

    [Fact]
    public void The_viewers_language_names_the_country_by_default_and_an_unknown_code_stays_as_it_is()
    {
        var address = new CustomerAddress { Line1 = "1 Main Street", City = "Springfield", PostalCode = "12345", Country = "US" };
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de");
            Assert.Equal("1 Main Street\nSpringfield 12345\nVereinigte Staaten", address.ToMultiline());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        Assert.Equal("1 Main Street\n12345 Springfield\nZZ", new CustomerAddress { Line1 = "1 Main Street", City = "Springfield", PostalCode = "12345", Country = "ZZ" }.ToMultiline(CultureInfo.GetCultureInfo("en")));
    }
}
