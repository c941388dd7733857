using System.Net;
using Commerce.Customers.Credit;
using Commerce.Customers.Data;
using Commerce.Customers.Host.Shop;
using Commerce.Customers.Models;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Tests.Integration;

/// <summary>Paying with store credit at the demo checkout, over real HTTP. Runs per provider.</summary>
public abstract class CreditCheckoutTests : ManyClientsSiteTests
{
    private const string Holly = "holly@nakatomi.com";
    private const string Password = "Violet-Canoe-Thunder-42";
    private const string CreditChanged = "Your store credit changed meanwhile";

    /// <summary>SQL that makes every insert into ShopOrders fail, to break a checkout after it spent credit.</summary>
    protected abstract string RefuseOrdersSql { get; }

    [Fact]
    public async Task Credit_pays_part_of_an_order_and_the_balance_drops_by_exactly_that()
    {
        using var holly = Site.CreateSiteClient();
        var id = await RegisterAsync(holly, Holly);
        await GrantAsync(id, 10m);
        await ShopForms.AddToCartAsync(holly);
        Assert.Contains("Pay with store credit (balance 10.00 USD)", await holly.GetPageAsync(ShopForms.CheckoutUrl), StringComparison.Ordinal);

        using var placed = await holly.PostFormAsync(ShopForms.CheckoutUrl, ShopForms.CheckoutFields(Holly, ("UseCredit", "true")));

        var number = ShopForms.OrderNumber(placed);
        var order = await OrderAsync(number);
        Assert.Equal((14.50m, 10m, 4.50m), (order.Total, order.CreditApplied, order.AmountDue));
        Assert.Equal(0m, await BalanceAsync(id));
        var spent = await Site.WithDbAsync(db => db.CreditEntries.Where(e => e.CustomerId == id && e.Amount < 0).ToListAsync());
        Assert.Equal((-10m, "USD", $"Order {number}", Holly), (Assert.Single(spent).Amount, spent[0].Currency, spent[0].Description, spent[0].CreatedBy));

        var page = Html.Text(await holly.GetPageAsync($"/shop/orders/{number}"));
        Assert.Contains("Store credit applied10.00 USD", page, StringComparison.Ordinal);
        Assert.Contains("Amount due4.50 USD", page, StringComparison.Ordinal);
        var details = Html.Text(await holly.GetPageAsync($"/account/orders/{order.Id}"));
        Assert.Contains("Store credit applied10.00 USD", details, StringComparison.Ordinal);
        Assert.Contains("Amount due4.50 USD", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credit_covering_the_whole_order_leaves_nothing_due()
    {
        using var holly = Site.CreateSiteClient();
        var id = await RegisterAsync(holly, Holly);
        await GrantAsync(id, 50m);

        using var placed = await ShopForms.CheckoutAsync(holly, Holly, ("UseCredit", "true"));

        var order = await OrderAsync(ShopForms.OrderNumber(placed));
        Assert.Equal((14.50m, 0m), (order.CreditApplied, order.AmountDue));
        Assert.Equal(35.50m, await BalanceAsync(id));
        Assert.Contains("Amount due0.00 USD", Html.Text(await holly.GetPageAsync($"/shop/orders/{order.Number}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkouts_at_once_spending_the_same_credit_never_take_the_balance_below_zero()
    {
        const int buyers = 5;
        using var first = Site.CreateSiteClient();
        var id = await RegisterAsync(first, Holly);
        // One order first, so the racing checkouts find the details and the address already saved
        // and contend for the credit only.
        using (var warmUp = await ShopForms.CheckoutAsync(first, Holly))
        {
            Assert.Equal(HttpStatusCode.Redirect, warmUp.StatusCode);
        }

        await GrantAsync(id, 20m);
        var responses = await PostAtOnceAsync(buyers, ShopForms.CheckoutUrl, async client =>
        {
            await SignInAsync(client, Holly);
            await ShopForms.AddToCartAsync(client);
        }, _ => ShopForms.CheckoutFields(Holly, ("UseCredit", "true")));

        // Placed, or refused because another checkout used the credit between the balance read and the spend.
        Assert.All(responses, response => Assert.True(response.Status == HttpStatusCode.Redirect || response.Body.Contains(CreditChanged, StringComparison.Ordinal), $"Unexpected {(int)response.Status}."));
        var orders = (await OrdersAsync(id)).Where(o => o.CreditApplied > 0).ToList();
        var uses = await Site.WithDbAsync(db => db.CreditEntries.Where(e => e.CustomerId == id && e.Amount < 0).ToListAsync());
        var balance = await BalanceAsync(id);
        Assert.True(balance >= 0, $"The balance went to {balance}.");
        Assert.Equal(20m - balance, orders.Sum(o => o.CreditApplied));
        Assert.Equal(orders.Select(o => ($"Order {o.Number}", -o.CreditApplied)).Order(), uses.Select(e => (e.Description, e.Amount)).Order());
        Assert.NotEmpty(orders);
    }

    [Fact]
    public async Task Spends_at_once_through_the_service_are_applied_one_after_the_other()
    {
        using var holly = Site.CreateSiteClient();
        var id = await RegisterAsync(holly, Holly);
        await GrantAsync(id, 30m);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Site.WithDbAsync(async (db, services) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var result = await services.GetRequiredService<ICustomerCredit>().SpendAsync(id, 10m, "USD", $"Spend {i}", "test");
            await transaction.CommitAsync();
            return result;
        }))));

        Assert.Equal(3, results.Count(result => result.Succeeded));
        Assert.All(results.Where(result => !result.Succeeded), result => Assert.Equal(0m, result.Balance));
        Assert.Equal(0m, await BalanceAsync(id));
    }

    [Fact]
    public async Task A_failed_checkout_spends_no_credit()
    {
        using var holly = Site.CreateSiteClient();
        var id = await RegisterAsync(holly, Holly);
        await GrantAsync(id, 10m);

        using (var invalid = await ShopForms.CheckoutAsync(holly, Holly, ("UseCredit", "true"), ("City", "")))
        {
            Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        }

        // The credit is spent, then the order's insert fails: the whole transaction rolls back.
        // ASP.NET Core and EF Core log the failure as the error it is.
        Site.Logs.Expect("Microsoft.", "Orders are closed");
        await Site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(RefuseOrdersSql));
        using (var broken = await holly.PostFormAsync(ShopForms.CheckoutUrl, ShopForms.CheckoutFields(Holly, ("UseCredit", "true"))))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, broken.StatusCode);
        }

        Assert.Contains(Site.Logs.Errors, line => line.Contains("Orders are closed", StringComparison.Ordinal));

        Assert.Equal(10m, await BalanceAsync(id));
        Assert.Equal(1, await Site.WithDbAsync(db => db.CreditEntries.CountAsync(e => e.CustomerId == id)));
        Assert.Empty(await OrdersAsync(id));
    }

    [Fact]
    public async Task A_guest_never_sees_or_spends_credit_even_with_a_members_email()
    {
        using (var holly = Site.CreateSiteClient())
        {
            await GrantAsync(await RegisterAsync(holly, Holly), 20m);
        }

        using var guest = Site.CreateSiteClient();
        await ShopForms.AddToCartAsync(guest);
        Assert.DoesNotContain("Pay with store credit", await guest.GetPageAsync(ShopForms.CheckoutUrl), StringComparison.Ordinal);

        // A guest with Holly's email orders for Holly (the shop matches the email), but with none of her credit.
        using var forged = await guest.PostFormAsync(ShopForms.CheckoutUrl, ShopForms.CheckoutFields(Holly, ("UseCredit", "true")));
        var order = await OrderAsync(ShopForms.OrderNumber(forged));
        Assert.Equal((0m, 14.50m), (order.CreditApplied, order.AmountDue));
        Assert.DoesNotContain("Amount due", await guest.GetPageAsync($"/shop/orders/{order.Number}"), StringComparison.Ordinal);

        // Another signed-in customer giving Holly's email orders for themselves, with their own (no) credit.
        using var other = Site.CreateSiteClient();
        await RegisterAsync(other, "argyle@limo.com");
        using (var placed = await ShopForms.CheckoutAsync(other, Holly, ("UseCredit", "true")))
        {
            Assert.Equal(0m, (await OrderAsync(ShopForms.OrderNumber(placed))).CreditApplied);
        }

        Assert.Equal(20m, await BalanceAsync(await Site.WithDbAsync(db => db.Customers.Where(c => c.Email == Holly).Select(c => c.Id).SingleAsync())));
    }

    /// <summary>Registers on the site (which signs the client in) and returns the customer's id.</summary>
    private async Task<int> RegisterAsync(SiteClient client, string email)
    {
        await AccountSettingsForm.AllowUnconfirmedSignInAsync(Site);
        using var registered = await client.PostFormAsync("/account/register",
            [new("Email", email), new("FirstName", "Pat"), new("LastName", "Buyer"), new("Password", Password), new("ConfirmPassword", Password)]);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        return await Site.WithDbAsync(db => db.Customers.Where(c => c.Email == email).Select(c => c.Id).SingleAsync());
    }

    private static async Task SignInAsync(SiteClient client, string email)
    {
        using var signedIn = await client.PostFormAsync("/account/login", [new("Email", email), new("Password", Password)]);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    private async Task GrantAsync(int customerId, decimal amount)
    {
        var granted = await Site.WithDbAsync((_, services) =>
            services.GetRequiredService<ICustomerCredit>().AddEntryAsync(new CreditEntry { CustomerId = customerId, Amount = amount, Currency = "USD", Description = "Goodwill", CreatedBy = "test" }));
        Assert.True(granted.Succeeded);
    }

    private Task<decimal> BalanceAsync(int customerId) =>
        Site.WithDbAsync((_, services) => services.GetRequiredService<ICustomerCredit>().GetBalanceAsync(customerId, "USD"));

    private Task<Order> OrderAsync(string number) => WithShopAsync(shop => shop.Orders.AsNoTracking().SingleAsync(o => o.Number == number));

    private Task<List<Order>> OrdersAsync(int customerId) => WithShopAsync(shop => shop.Orders.AsNoTracking().Where(o => o.CustomerId == customerId).ToListAsync());

    private Task<T> WithShopAsync<T>(Func<ShopDbContext, Task<T>> query) => Site.WithDbAsync(async db =>
    {
        await db.Database.OpenConnectionAsync();
        await using var shop = ShopDbContext.On(db);
        return await query(shop);
    });
}

public sealed class SqliteCreditCheckoutTests : CreditCheckoutTests
{
    protected override string RefuseOrdersSql => "CREATE TRIGGER refuse_orders BEFORE INSERT ON ShopOrders BEGIN SELECT RAISE(ABORT, 'Orders are closed.'); END;";

    protected override Task<TestSiteOptions> SiteOptionsAsync() => Task.FromResult(new TestSiteOptions());

    // CustomerCredit takes no lock of its own on SQLite because of this: a transaction begun the
    // default way holds the write lock before it has read or written anything.
    [Fact]
    public async Task A_begun_transaction_already_holds_the_SQLite_write_lock_that_spending_credit_relies_on()
    {
        await using var scope = Site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();

        await using var other = new SqliteConnection(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()) { DefaultTimeout = 1 }.ToString());
        await other.OpenAsync();
        var busy = Assert.Throws<SqliteException>(() => other.BeginTransaction());
        Assert.Equal(5, busy.SqliteErrorCode); // SQLITE_BUSY
    }
}

public sealed class PostgresCreditCheckoutTests(SharedPostgresServer postgres) : CreditCheckoutTests, IClassFixture<SharedPostgresServer>
{
    protected override string RefuseOrdersSql => """
        CREATE FUNCTION refuse_orders() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'Orders are closed.'; END $$;
        CREATE TRIGGER refuse_orders BEFORE INSERT ON "ShopOrders" FOR EACH ROW EXECUTE FUNCTION refuse_orders();
        """;

    protected override async Task<TestSiteOptions> SiteOptionsAsync() =>
        new() { Provider = DatabaseProvider.PostgreSql, ConnectionString = await postgres.CreateDatabaseAsync("credit") };
}
