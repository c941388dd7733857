using System.Net;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// The Customers application over real HTTP, on a site set up with the demo recipe.
/// Runs once per database provider (see the derived classes).
/// </summary>
public abstract class CustomerAdminTests : IAsyncLifetime
{
    private TestSite? _site;
    private SiteClient? _admin;

    protected TestSite Site => _site!;
    protected SiteClient Admin => _admin!;

    protected abstract Task<TestSiteOptions> SiteOptionsAsync();

    public async Task InitializeAsync()
    {
        _site = await TestSite.StartAsync(await SiteOptionsAsync());
        _admin = _site.CreateSiteClient();
        await _admin.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);
    }

    public async Task DisposeAsync()
    {
        _admin?.Dispose();
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }

    [Fact]
    public async Task Demo_recipe_lists_the_four_documented_customers_with_their_registration()
    {
        var rows = Html.CustomerRows(await Admin.GetPageAsync("/admin/customers?sort=lastname&dir=asc"));

        Assert.Equal(
            [
                ("", "Creed", "Apollo", "apollo@creed.com", "10/7/2015 10:03:32 AM UTC", "No"),
                ("The Transporter", "Martin Jr.", "Frank", "frank@martin.com", "10/6/2015 1:56:38 PM UTC", "Yes"),
                ("", "McClane", "John", "john@mcclane.com", "10/6/2015 12:06:28 PM UTC", "Yes"),
                ("", "Riggs", "Martin", "martin@riggs.com", "10/6/2015 12:11:10 PM UTC", "No"),
            ],
            rows.Select(row => (row[1], row[2], row[3], row[4], row[5], row[6])));
    }

    [Fact]
    public async Task Registered_demo_customers_have_linked_logins_whose_user_name_is_the_email()
    {
        var logins = await Site.WithDbAsync(db => db.Customers
            .Where(customer => customer.UserId != null)
            .Join(db.Users, customer => customer.UserId, user => user.Id, (customer, user) => new { customer.Email, user.UserName })
            .ToListAsync());

        Assert.Equal(["frank@martin.com", "john@mcclane.com"], logins.Select(login => login.Email).Order());
        Assert.All(logins, login => Assert.Equal(login.Email, login.UserName));
    }

    [Theory]
    [InlineData("email", "asc", new[] { "apollo@creed.com", "frank@martin.com", "john@mcclane.com", "martin@riggs.com" })]
    [InlineData("email", "desc", new[] { "martin@riggs.com", "john@mcclane.com", "frank@martin.com", "apollo@creed.com" })]
    [InlineData("firstname", "asc", new[] { "apollo@creed.com", "frank@martin.com", "john@mcclane.com", "martin@riggs.com" })]
    [InlineData("created", "desc", new[] { "apollo@creed.com", "frank@martin.com", "martin@riggs.com", "john@mcclane.com" })]
    [InlineData("created", "asc", new[] { "john@mcclane.com", "martin@riggs.com", "frank@martin.com", "apollo@creed.com" })]
    [InlineData("company", "desc", new[] { "frank@martin.com", "martin@riggs.com", "john@mcclane.com", "apollo@creed.com" })]
    [InlineData("registered", "desc", new[] { "john@mcclane.com", "frank@martin.com", "martin@riggs.com", "apollo@creed.com" })]
    public async Task List_sorts_by_each_column(string sort, string dir, string[] expected)
    {
        var page = await Admin.GetPageAsync($"/admin/customers?sort={sort}&dir={dir}");

        Assert.Equal(expected, Html.Emails(page));
    }

    [Theory]
    [InlineData("q=mc", new[] { "john@mcclane.com" })]
    [InlineData("q=MARTIN", new[] { "frank@martin.com", "martin@riggs.com" })]
    [InlineData("q=the%20trans", new[] { "frank@martin.com" })]
    [InlineData("q=apollo%40", new[] { "apollo@creed.com" })]
    [InlineData("registered=yes", new[] { "frank@martin.com", "john@mcclane.com" })]
    [InlineData("registered=no", new[] { "apollo@creed.com", "martin@riggs.com" })]
    [InlineData("registered=no&q=r", new[] { "martin@riggs.com" })]
    [InlineData("q=zzz", new string[0])]
    [InlineData("q=%00mc%07", new[] { "john@mcclane.com" })]
    public async Task List_filters_by_text_prefix_and_registration(string query, string[] expected)
    {
        var page = await Admin.GetPageAsync($"/admin/customers?sort=email&dir=asc&{query}");

        Assert.Equal(expected, Html.Emails(page));
    }

    [Fact]
    public async Task Paging_walks_forward_and_back_through_every_customer_exactly_once()
    {
        await Site.WithDbAsync(async db =>
        {
            for (var i = 0; i < 57; i++)
            {
                // Same last name for many rows: ties must be broken by id, never skipped or repeated.
                db.Customers.Add(new Customer { LastName = i % 3 == 0 ? "Same" : $"Name{i:D3}", Email = $"c{i:D3}@example.com", CreatedUtc = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i % 5) });
            }

            return await db.SaveChangesAsync();
        });

        var forward = new List<string>();
        var pages = new List<string>();
        string? url = "/admin/customers?sort=lastname&dir=asc&size=10";
        while (url is not null)
        {
            var page = await Admin.GetPageAsync(url);
            pages.Add(page);
            forward.AddRange(Html.Emails(page));
            url = Html.Link(page, "next");
        }

        Assert.Equal(61, forward.Count);
        Assert.Equal(61, forward.Distinct().Count());
        Assert.Equal(7, pages.Count);

        var backward = new List<string>();
        url = Html.Link(pages[^1], "prev");
        backward.InsertRange(0, Html.Emails(pages[^1]));
        while (url is not null)
        {
            var page = await Admin.GetPageAsync(url);
            backward.InsertRange(0, Html.Emails(page));
            url = Html.Link(page, "prev");
        }

        Assert.Equal(forward, backward);
        var expectedOrder = await Site.WithDbAsync(db => db.Customers.OrderBy(c => c.NormalizedLastName).ThenBy(c => c.Id).Select(c => c.Email!).ToListAsync());
        Assert.Equal(expectedOrder, forward);
    }

    [Fact]
    public async Task Export_streams_every_matching_customer_as_csv_in_the_lists_order()
    {
        await Site.WithDbAsync(async db =>
        {
            db.Customers.AddRange(Enumerable.Range(0, 450).Select(i => new Customer
            {
                LastName = $"Bulk{i:D3}", Company = i == 7 ? "=cmd|' /C calc'!A0" : null, Email = $"bulk{i:D3}@example.com", CreatedUtc = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i),
                Culture = (i % 3) switch { 0 => "de", 1 => "en", _ => null },
            }));
            return await db.SaveChangesAsync();
        });

        using var response = await Admin.GetAsync("/admin/customers/export?sort=email&dir=asc");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.DispositionType, StringComparison.Ordinal);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Id,Company,Last name,First name,Email,Created (UTC),Is registered,Language", lines[0]);
        var expected = await Site.WithDbAsync(db => db.Customers.OrderBy(c => c.NormalizedEmail).ThenBy(c => c.Id).Select(c => new { c.Email, c.Culture }).ToListAsync());
        Assert.Equal(expected.Select(c => c.Email), lines.Skip(1).Select(line => line.Split(',')[^4]));
        Assert.Equal(expected.Select(c => c.Culture ?? ""), lines.Skip(1).Select(line => line.Split(',')[^1]));
        Assert.Contains(lines, line => line.EndsWith(",bulk003@example.com,2021-01-01 00:03:00,No,de", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.EndsWith(",bulk004@example.com,2021-01-01 00:04:00,No,en", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.EndsWith(",bulk005@example.com,2021-01-01 00:05:00,No,", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains(",'=cmd|' /C calc'!A0,Bulk007,", StringComparison.Ordinal));

        using var registered = await Admin.GetAsync("/admin/customers/export?registered=yes&sort=email&dir=asc");
        var registeredLines = (await registered.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["frank@martin.com", "john@mcclane.com"], registeredLines.Skip(1).Select(line => line.Split(',')[^4]));
    }

    [Theory]
    [InlineData("/admin/customers?after=%%%")]
    [InlineData("/admin/customers?before=bm90LWEtY3Vyc29y")]
    [InlineData("/admin/customers?after=MTox&sort=created")]
    [InlineData("/admin/customers?size=100000&dir=%27%22")]
    [InlineData("/admin/customers?q=%00%27%3B--")]
    [InlineData("/admin/customers?sort=registered&after=OTk5Ojk5OTk5OTk5OTk5OTk5OTk5OQ")]
    public async Task Garbled_list_query_strings_still_show_a_page(string url)
    {
        using var response = await Admin.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Creating_a_customer_adds_it_to_the_list_as_not_registered()
    {
        using var response = await Admin.PostFormAsync("/admin/customers/create",
            [new("Company", "Nakatomi"), new("FirstName", "Holly"), new("LastName", "Gennero"), new("Email", "holly@nakatomi.com"), new("Phone", "+1 310 555 0100")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var customer = await Site.WithDbAsync(db => db.Customers.SingleAsync(c => c.Email == "holly@nakatomi.com"));
        Assert.Equal($"/admin/customers/{customer.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal(("Nakatomi", "Holly", "Gennero", "+1 310 555 0100"), (customer.Company, customer.FirstName, customer.LastName, customer.Phone));
        Assert.Null(customer.UserId);
        Assert.InRange(customer.CreatedUtc, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));

        var row = Assert.Single(Html.CustomerRows(await Admin.GetPageAsync("/admin/customers?q=holly")));
        Assert.Equal("No", row[6]);
    }

    [Theory]
    [InlineData("", "", "a@b.com", "LastName", "Enter a last name or a company.")]
    [InlineData("", "Gruber", "not-an-email", "Email", "Enter a valid email address")]
    [InlineData("", "Gruber", "hans@@nakatomi", "Email", "Enter a valid email address")]
    [InlineData("", "LONG", "a@b.com", "LastName", "at most 100 characters")]
    public async Task Invalid_new_customers_get_a_message_by_the_field_and_nothing_is_saved(string company, string lastName, string email, string field, string message)
    {
        var before = await Site.WithDbAsync(db => db.Customers.CountAsync());
        lastName = lastName == "LONG" ? new string('x', 150) : lastName;

        using var response = await Admin.PostFormAsync("/admin/customers/create", [new("Company", company), new("LastName", lastName), new("Email", email)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, Html.FieldError(page, field), StringComparison.Ordinal);
        Assert.Equal(before, await Site.WithDbAsync(db => db.Customers.CountAsync()));
    }

    [Fact]
    public async Task Script_in_a_name_is_shown_as_text()
    {
        const string script = "<script>alert('x')</script>";
        using var response = await Admin.PostFormAsync("/admin/customers/create", [new("LastName", script), new("Email", "xss@example.com")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var list = await Admin.GetPageAsync("/admin/customers?q=xss");
        var editor = await Admin.GetPageAsync(response.Headers.Location!.OriginalString);

        foreach (var page in new[] { list, editor })
        {
            Assert.DoesNotContain(script, page, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Editing_the_general_tab_saves_the_fields()
    {
        var id = await CustomerIdAsync("apollo@creed.com");

        using var response = await Admin.PostFormAsync($"/admin/customers/{id}/general", await FormOfAsync(id, ("Company", "Creed Boxing"), ("Phone", "555-0199")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var customer = await Site.WithDbAsync(db => db.Customers.SingleAsync(c => c.Id == id));
        Assert.Equal(("Creed Boxing", "555-0199", "Creed", "Apollo"), (customer.Company, customer.Phone, customer.LastName, customer.FirstName));
        Assert.Contains("Customer Apollo Creed was saved.", await Admin.GetPageAsync(response.Headers.Location!.OriginalString), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_and_keeps_the_other_admins_change()
    {
        var id = await CustomerIdAsync("martin@riggs.com");
        var staleForm = await FormOfAsync(id, ("Company", "Mine"));

        // Another admin saves first.
        using (var first = await Admin.PostFormAsync($"/admin/customers/{id}/general", await FormOfAsync(id, ("Company", "Theirs"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var second = await Admin.PostFormAsync($"/admin/customers/{id}/general", staleForm);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("Someone else changed this customer meanwhile", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Theirs", await Site.WithDbAsync(db => db.Customers.Where(c => c.Id == id).Select(c => c.Company).SingleAsync()));
    }

    [Fact]
    public async Task Changing_a_registered_customers_email_renames_their_login()
    {
        var id = await CustomerIdAsync("john@mcclane.com");

        using var response = await Admin.PostFormAsync($"/admin/customers/{id}/general", await FormOfAsync(id, ("Email", "john.mcclane@nypd.gov")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var userName = await Site.WithDbAsync(db => db.Customers.Where(c => c.Id == id).Join(db.Users, c => c.UserId, u => u.Id, (c, u) => u.UserName).SingleAsync());
        Assert.Equal("john.mcclane@nypd.gov", userName);
    }

    [Fact]
    public async Task Taking_another_logins_email_is_refused_and_nothing_changes()
    {
        var id = await CustomerIdAsync("john@mcclane.com");

        using var response = await Admin.PostFormAsync($"/admin/customers/{id}/general", await FormOfAsync(id, ("Email", "frank@martin.com"), ("Company", "Changed")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Another login already uses the email frank@martin.com.", Html.FieldError(await response.Content.ReadAsStringAsync(), "Email"), StringComparison.Ordinal);
        var customer = await Site.WithDbAsync(db => db.Customers.SingleAsync(c => c.Id == id));
        Assert.Equal(("john@mcclane.com", null), (customer.Email, customer.Company));
    }

    [Fact]
    public async Task Deleting_a_registered_customer_deletes_their_login_too()
    {
        var id = await CustomerIdAsync("frank@martin.com");

        using var response = await Admin.PostFormAsync($"/admin/customers/{id}/delete", [new("DeleteLogin", "true")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await Site.WithDbAsync(db => db.Customers.AnyAsync(c => c.Id == id)));
        Assert.False(await Site.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "frank@martin.com")));
    }

    [Fact]
    public async Task Deleting_a_customer_can_keep_their_login()
    {
        var id = await CustomerIdAsync("john@mcclane.com");

        using var response = await Admin.PostFormAsync($"/admin/customers/{id}/delete", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await Site.WithDbAsync(db => db.Customers.AnyAsync(c => c.Id == id)));
        Assert.True(await Site.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "john@mcclane.com")));
    }

    [Fact]
    public async Task An_admin_cannot_delete_the_login_they_are_signed_in_with()
    {
        var id = await Site.WithDbAsync(async (db, services) =>
        {
            var admin = await services.GetRequiredService<UserManager<ShopUser>>().FindByEmailAsync(TestSite.AdminEmail);
            var customer = new Customer { LastName = "Admin", Email = TestSite.AdminEmail, UserId = admin!.Id, CreatedUtc = DateTime.UtcNow };
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            return customer.Id;
        });

        using var response = await Admin.PostFormAsync($"/admin/customers/{id}/delete", [new("DeleteLogin", "true")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You are signed in with this customer's login", Html.FieldError(await response.Content.ReadAsStringAsync(), "DeleteLogin"), StringComparison.Ordinal);
        Assert.True(await Site.WithDbAsync(db => db.Customers.AnyAsync(c => c.Id == id)));
    }

    [Fact]
    public async Task Unknown_customers_and_tabs_are_not_found()
    {
        var id = await CustomerIdAsync("apollo@creed.com");

        foreach (var url in new[] { "/admin/customers/999999", $"/admin/customers/{id}/no-such-tab", "/admin/customers/999999/delete" })
        {
            using var response = await Admin.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    protected Task<int> CustomerIdAsync(string email) =>
        Site.WithDbAsync(db => db.Customers.Where(c => c.Email == email).Select(c => c.Id).SingleAsync());

    /// <summary>The General tab's current form values with some replaced, as the browser would post them.</summary>
    private async Task<List<KeyValuePair<string, string>>> FormOfAsync(int id, params (string Field, string Value)[] changes)
    {
        var customer = await Site.WithDbAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == id));
        var fields = new Dictionary<string, string>
        {
            ["Company"] = customer.Company ?? "",
            ["FirstName"] = customer.FirstName ?? "",
            ["LastName"] = customer.LastName ?? "",
            ["Email"] = customer.Email ?? "",
            ["Phone"] = customer.Phone ?? "",
            ["ConcurrencyStamp"] = customer.ConcurrencyStamp,
        };
        foreach (var (field, value) in changes)
        {
            fields[field] = value;
        }

        return fields.ToList();
    }
}

[LongRunning(25)]
public sealed class SqliteCustomerAdminTests : CustomerAdminTests
{
    protected override Task<TestSiteOptions> SiteOptionsAsync() => Task.FromResult(new TestSiteOptions());
}

[LongRunning(29)]
public sealed class PostgresCustomerAdminTests(SharedPostgresServer postgres) : CustomerAdminTests, IClassFixture<SharedPostgresServer>
{
    protected override async Task<TestSiteOptions> SiteOptionsAsync() =>
        new() { Provider = DatabaseProvider.PostgreSql, ConnectionString = await postgres.CreateDatabaseAsync("admin") };
}
