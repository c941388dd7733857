using System.Net;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Tests.Integration;

/// <summary>The Credit tab: an append-only ledger whose balance never goes below zero.</summary>
public sealed class CreditTabTests : IAsyncLifetime
{
    private TestSite _site = null!;
    private SiteClient _admin = null!;
    private int _customer;

    public async Task InitializeAsync()
    {
        _site = await TestSite.StartAsync();
        _admin = _site.CreateSiteClient();
        await _admin.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);
        _customer = await _site.WithDbAsync(db => db.Customers.Where(c => c.Email == "john@mcclane.com").Select(c => c.Id).SingleAsync());
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _site.DisposeAsync();
    }

    private string TabUrl => $"/admin/customers/{_customer}/credit";

    [Fact]
    public async Task Entries_add_up_to_the_balance_and_a_correction_is_a_new_entry()
    {
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync("50", "USD", "Goodwill for a late delivery")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync("-20.5", "usd", "Used on order SO-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync("10", "EUR", "Refund")).StatusCode);

        var page = await _admin.GetPageAsync(TabUrl);
        Assert.Contains("10.00 EUR, 29.50 USD", Html.Text(System.Text.RegularExpressions.Regex.Match(page, "<dl class=\"facts\" id=\"credit-balance\">(.*?)</dl>", System.Text.RegularExpressions.RegexOptions.Singleline).Value), StringComparison.Ordinal);

        var refund = await _site.WithDbAsync(db => db.CreditEntries.SingleAsync(e => e.Currency == "EUR"));
        var correction = await _admin.GetPageAsync($"{TabUrl}?correct={refund.Id}");
        Assert.Contains("Correct entry " + refund.Id, correction, StringComparison.Ordinal);
        Assert.Contains("value=\"-10.00\"", correction, StringComparison.Ordinal);
        using (var corrected = await _admin.PostFormAsync(TabUrl, [new("Amount", "-10"), new("Currency", "EUR"), new("Description", "Correction of the refund"), new("CorrectsEntryId", refund.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))]))
        {
            Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        }

        var entries = await _site.WithDbAsync(db => db.CreditEntries.Where(e => e.CustomerId == _customer).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(4, entries.Count);
        Assert.Equal(refund.Id, entries[^1].CorrectsEntryId);
        Assert.Equal((10m, "Refund"), (entries[2].Amount, entries[2].Description));
        Assert.All(entries, entry => Assert.Equal(TestSite.AdminEmail, entry.CreatedBy));
    }

    [Theory]
    [InlineData("0", "USD", "x", "Amount", "Enter an amount other than zero")]
    [InlineData("1.005", "USD", "x", "Amount", "at most two decimals")]
    [InlineData("-5", "USD", "Use", "Amount", "it cannot go below zero")]
    [InlineData("5", "DOLLARS", "x", "Currency", "three-letter currency code")]
    [InlineData("5", "USD", "", "Description", "Describe the entry")]
    [InlineData("abc", "USD", "x", "Amount", "Enter an amount")]
    public async Task Bad_entries_are_refused_by_the_field_and_the_ledger_is_unchanged(string amount, string currency, string description, string field, string message)
    {
        using var response = await AddAsync(amount, currency, description);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(Html.FieldError(await response.Content.ReadAsStringAsync(), field)), StringComparison.Ordinal);
        Assert.Equal(0, await _site.WithDbAsync(db => db.CreditEntries.CountAsync()));
    }

    [Fact]
    public async Task An_entry_cannot_claim_to_correct_another_customers_entry()
    {
        var frank = await _site.WithDbAsync(db => db.Customers.Where(c => c.Email == "frank@martin.com").Select(c => c.Id).SingleAsync());
        using (var franks = await _admin.PostFormAsync($"/admin/customers/{frank}/credit", [new("Amount", "5"), new("Currency", "USD"), new("Description", "Frank's")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, franks.StatusCode);
        }

        var franksEntry = await _site.WithDbAsync(db => db.CreditEntries.Select(e => e.Id).SingleAsync());
        using var response = await _admin.PostFormAsync(TabUrl, [new("Amount", "5"), new("Currency", "USD"), new("Description", "Sneaky"), new("CorrectsEntryId", franksEntry.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("does not belong to this customer", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await _site.WithDbAsync(db => db.CreditEntries.CountAsync()));
    }

    private Task<HttpResponseMessage> AddAsync(string amount, string currency, string description) =>
        _admin.PostFormAsync(TabUrl, [new("Amount", amount), new("Currency", currency), new("Description", description)]);
}

/// <summary>Which tabs a customer's editor has: the documentation's strip for one without a login, more once they hold something.</summary>
public sealed class EditorTabStripTests : IAsyncLifetime
{
    private TestSite _site = null!;
    private SiteClient _admin = null!;

    public async Task InitializeAsync()
    {
        _site = await TestSite.StartAsync();
        _admin = _site.CreateSiteClient();
        await _admin.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _site.DisposeAsync();
    }

    [Fact]
    public async Task A_customer_without_a_login_has_the_documentations_four_tabs_and_credit_once_they_hold_some()
    {
        var apollo = await _site.WithDbAsync(db => db.Customers.Where(c => c.Email == "apollo@creed.com").Select(c => c.Id).SingleAsync());
        Assert.Equal(["General", "Addresses", "Orders", "Login details"], await TabsAsync(apollo));
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/admin/customers/{apollo}/credit")).StatusCode);

        await _site.WithDbAsync(db =>
        {
            db.CreditEntries.Add(new Models.CreditEntry { CustomerId = apollo, Amount = 5, Currency = "USD", Description = "Goodwill", CreatedUtc = DateTime.UtcNow, CreatedBy = "test" });
            return db.SaveChangesAsync();
        });
        Assert.Contains("Credit", await TabsAsync(apollo));

        var frank = await _site.WithDbAsync(db => db.Customers.Where(c => c.Email == "frank@martin.com").Select(c => c.Id).SingleAsync());
        Assert.Equal(["General", "Addresses", "Orders", "Login details", "Roles", "Membership", "Credit", "Notifications"], await TabsAsync(frank));
    }

    private async Task<string[]> TabsAsync(int id)
    {
        var page = await _admin.GetPageAsync($"/admin/customers/{id}");
        var nav = System.Text.RegularExpressions.Regex.Match(page, "<nav class=\"tabs\".*?</nav>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        return System.Text.RegularExpressions.Regex.Matches(nav, "<a [^>]*>(.*?)</a>").Select(match => Html.Text(match.Groups[1].Value).Trim()).ToArray();
    }
}
