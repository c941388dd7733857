using System.Net;
using Commerce.Customers.Credit;
using Commerce.Customers.Data;
using Commerce.Customers.Host.Shop;
using Commerce.Customers.Models;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// Issue 13's rule "a mailbox is proven before it is trusted" (examples 3, 4, the last sentence of 8 and
/// the third item of 9), attacked over real HTTP with antiforgery tokens and a real SMTP server. Runs per
/// provider, because confirming merges two customer records in one transaction.
/// </summary>
public abstract class MailboxProofTests : IAsyncLifetime
{
    private const string Apollo = "apollo@creed.com"; // unregistered in the demo recipe
    private const string Frank = "frank@martin.com"; // registered in the demo recipe
    private const string AttackerPassword = "Crimson-Ladder-Falcon-63";
    private const string OwnerPassword = "Lantern-Orchard-Quartz-19";
    private const string ApollosStreet = "7 Creed Gym Road";
    private const string ConfirmSubject = "Confirm your email for Test shop";
    private SmtpTestServer _smtp = null!;
    private TestSite _site = null!;

    protected abstract Task<TestSiteOptions> SiteOptionsAsync();

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _site = await TestSite.StartAsync((await SiteOptionsAsync()) with
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

    // Example 3: an anonymous visitor registers with an existing, unregistered customer's email.
    [Fact]
    public async Task Registering_with_an_unregistered_customers_email_neither_shows_nor_changes_their_record()
    {
        var history = await GiveApolloAHistoryAsync();
        var before = await CustomerAsync(history.CustomerId);
        using var attacker = _site.CreateSiteClient();

        using var registered = await RegisterAsync(attacker, Apollo, AttackerPassword);

        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.Contains("Check your email", await registered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(Describe(before), Describe(await CustomerAsync(history.CustomerId)));
        Assert.StartsWith("/account/login", Html.RedirectPath(await attacker.GetAsync("/account")), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await attacker.GetAsync("/members")).StatusCode);

        // The right password does not sign in an account whose mailbox is unproven; it says what to do instead.
        using var signIn = await attacker.PostFormAsync("/account/login", [new("Email", Apollo), new("Password", AttackerPassword)]);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("Confirm your email address before you sign in.", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.StartsWith("/account/login", Html.RedirectPath(await attacker.GetAsync("/account")), StringComparison.Ordinal);
    }

    // Example 3 with the setting off: the new account may sign in, but sees and spends only its own.
    [Fact]
    public async Task Signed_in_before_confirming_a_new_account_sees_only_what_it_created_and_cannot_spend_the_old_credit()
    {
        await AccountSettingsForm.AllowUnconfirmedSignInAsync(_site);
        var history = await GiveApolloAHistoryAsync();
        using var attacker = _site.CreateSiteClient();

        using (var registered = await RegisterAsync(attacker, Apollo, AttackerPassword))
        {
            Assert.Equal("/account", Html.RedirectPath(registered));
        }

        var account = await attacker.GetPageAsync("/account");
        Assert.DoesNotContain(history.OrderNumber, account, StringComparison.Ordinal);
        Assert.DoesNotContain(ApollosStreet, account, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"Apollo\"", account, StringComparison.Ordinal);
        Assert.Null((await CustomerAsync(history.CustomerId)).UserId);

        await ShopForms.AddToCartAsync(attacker);
        Assert.DoesNotContain("Pay with store credit", await attacker.GetPageAsync(ShopForms.CheckoutUrl), StringComparison.Ordinal);
        using var placed = await attacker.PostFormAsync(ShopForms.CheckoutUrl, ShopForms.CheckoutFields(Apollo, ("UseCredit", "true")));
        var order = await OrderAsync(ShopForms.OrderNumber(placed));
        Assert.Equal(0m, order.CreditApplied);
        Assert.NotEqual(history.CustomerId, order.CustomerId);
        Assert.Equal(25m, await BalanceAsync(history.CustomerId));
    }

    // The owner's mail scanner (or the owner, by mistake) following the link links nothing without the account's password.
    [Fact]
    public async Task The_confirmation_link_alone_without_the_accounts_password_links_nothing()
    {
        var history = await GiveApolloAHistoryAsync();
        using var attacker = _site.CreateSiteClient();
        (await RegisterAsync(attacker, Apollo, AttackerPassword)).Dispose();
        var (user, token, _) = Emails.ConfirmEmailLink(await EmailToAsync(Apollo, ConfirmSubject));

        using var owner = _site.CreateSiteClient();
        Assert.Contains("name=\"Password\"", await owner.GetPageAsync("/account/confirm-email"), StringComparison.Ordinal);
        using var refused = await owner.PostFormAsync("/account/confirm-email", [new("User", user), new("Token", token), new("Password", "Not-The-Password-11")]);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The password is incorrect.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null((await CustomerAsync(history.CustomerId)).UserId);
        Assert.False(await _site.WithDbAsync(db => db.Users.Where(u => u.Id == user).Select(u => u.EmailConfirmed).SingleAsync()));
    }

    // Whoever registers an address first cannot keep its owner out: a reset link from the mailbox makes the account the owner's.
    [Fact]
    public async Task The_owner_of_an_address_someone_else_registered_takes_the_account_over_with_a_reset_link()
    {
        var history = await GiveApolloAHistoryAsync();
        using var attacker = _site.CreateSiteClient();
        (await RegisterAsync(attacker, Apollo, AttackerPassword)).Dispose();

        using var owner = _site.CreateSiteClient();
        (await owner.PostFormAsync("/account/forgot-password", [new("Email", Apollo)])).Dispose();
        var (user, token, _) = Emails.SetPasswordLink(await EmailToAsync(Apollo, "Reset your password for Test shop"));
        using (var set = await owner.PostFormAsync("/account/set-password", [new("User", user), new("Token", token), new("Password", OwnerPassword), new("ConfirmPassword", OwnerPassword)]))
        {
            Assert.Contains("Your password was set.", await set.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var apollo = await SignedInAsync(Apollo, OwnerPassword);
        Assert.Contains(history.OrderNumber, await apollo.GetPageAsync("/account"), StringComparison.Ordinal);
        Assert.Equal(user, (await CustomerAsync(history.CustomerId)).UserId);
        using var refused = await attacker.PostFormAsync("/account/login", [new("Email", Apollo), new("Password", AttackerPassword)]);
        Assert.Contains("The email or password is incorrect.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    // Example 3 through checkout with "choose a password"; then the real owner confirms and gets everything back.
    [Fact]
    public async Task The_owner_who_registers_at_checkout_and_confirms_sees_their_history_and_credit_in_one_record()
    {
        var history = await GiveApolloAHistoryAsync();
        using var apollo = _site.CreateSiteClient();
        using var placed = await ShopForms.CheckoutAsync(apollo, Apollo, ("Account", "ChoosePassword"), ("Password", OwnerPassword), ("ConfirmPassword", OwnerPassword));
        var newOrder = ShopForms.OrderNumber(placed);
        Assert.Contains("Check your email to finish creating your account.", await apollo.GetPageAsync($"/shop/orders/{newOrder}"), StringComparison.Ordinal);
        Assert.StartsWith("/account/login", Html.RedirectPath(await apollo.GetAsync("/account")), StringComparison.Ordinal);
        Assert.NotEqual(history.CustomerId, (await OrderAsync(newOrder)).CustomerId);
        Assert.Equal(25m, await BalanceAsync(history.CustomerId));

        var (user, token, _) = Emails.ConfirmEmailLink(await EmailToAsync(Apollo, ConfirmSubject));
        using (var confirmed = await apollo.PostFormAsync("/account/confirm-email", [new("User", user), new("Token", token), new("Password", OwnerPassword)]))
        {
            Assert.Equal("/account", Html.RedirectPath(confirmed));
        }

        var account = await apollo.GetPageAsync("/account");
        Assert.Contains(history.OrderNumber, account, StringComparison.Ordinal);
        Assert.Contains(newOrder, account, StringComparison.Ordinal);
        Assert.Contains(ApollosStreet, account, StringComparison.Ordinal);
        await ShopForms.AddToCartAsync(apollo);
        Assert.Contains("Pay with store credit (balance 25.00 USD)", await apollo.GetPageAsync(ShopForms.CheckoutUrl), StringComparison.Ordinal);

        // One record again: the older one, now with the login, the new order and its address.
        var records = await _site.WithDbAsync(db => db.Customers.AsNoTracking().Where(c => c.NormalizedEmail == "APOLLO@CREED.COM").ToListAsync());
        var merged = Assert.Single(records);
        Assert.Equal((history.CustomerId, user), (merged.Id, merged.UserId));
        Assert.Equal(history.CustomerId, (await OrderAsync(newOrder)).CustomerId);
        Assert.Equal("Apollo", merged.FirstName);

        using var reused = await apollo.PostFormAsync("/account/confirm-email", [new("User", user), new("Token", token), new("Password", OwnerPassword)]);
        Assert.Contains("This link has expired or was already used.", WebUtility.HtmlDecode(await reused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    // Example 4: not signed in, a checkout with Frank's email and someone else's details.
    [Fact]
    public async Task A_guest_checkout_with_a_registered_customers_email_attaches_the_order_but_changes_none_of_their_details()
    {
        var frankId = await CustomerIdAsync(Frank);
        await SetPasswordAsync(Frank, OwnerPassword);
        using var frank = await SignedInAsync(Frank, OwnerPassword);
        (await ShopForms.CheckoutAsync(frank, Frank, ("Line1", "3 Transporter Lane"), ("Phone", "+33 1 23 45 67 89"))).Dispose();
        var before = Describe(await CustomerAsync(frankId)) + await AddressesAsync(frankId);

        using var guest = _site.CreateSiteClient();
        using var placed = await ShopForms.CheckoutAsync(guest, Frank,
            ("FirstName", "Mallory"), ("LastName", "Evil"), ("Company", "Evil Inc"), ("Phone", "+1 555 0000"), ("Line1", "666 Attacker Street"), ("City", "Elsewhere"));

        var order = await OrderAsync(ShopForms.OrderNumber(placed));
        Assert.Equal(frankId, order.CustomerId);
        Assert.Contains("666 Attacker Street", order.ShippingAddress, StringComparison.Ordinal);
        Assert.Equal(before, Describe(await CustomerAsync(frankId)) + await AddressesAsync(frankId));

        await ShopForms.AddToCartAsync(frank);
        var prefilled = await frank.GetPageAsync(ShopForms.CheckoutUrl);
        Assert.Contains("3 Transporter Lane", prefilled, StringComparison.Ordinal);
        Assert.DoesNotContain("666 Attacker Street", prefilled, StringComparison.Ordinal);
        Assert.DoesNotContain("Mallory", prefilled, StringComparison.Ordinal);
    }

    // Example 4 for a customer without a login: the shop's record of Apollo stays the shop's.
    [Fact]
    public async Task A_guest_checkout_with_an_unregistered_customers_email_leaves_their_record_as_it_was()
    {
        var history = await GiveApolloAHistoryAsync();
        var before = Describe(await CustomerAsync(history.CustomerId)) + await AddressesAsync(history.CustomerId);
        using var guest = _site.CreateSiteClient();

        using var placed = await ShopForms.CheckoutAsync(guest, Apollo, ("FirstName", "Mallory"), ("Line1", "666 Attacker Street"));

        Assert.Equal(history.CustomerId, (await OrderAsync(ShopForms.OrderNumber(placed))).CustomerId);
        Assert.Equal(before, Describe(await CustomerAsync(history.CustomerId)) + await AddressesAsync(history.CustomerId));
    }

    // Example 8, last sentence: register and checkout do not say that an account exists; the owner is told instead.
    [Fact]
    public async Task Register_and_checkout_answer_alike_for_an_existing_account_and_a_new_email_and_the_owner_is_told()
    {
        var usersBefore = await _site.WithDbAsync(db => db.Users.CountAsync());
        using var visitor = _site.CreateSiteClient();

        var existing = await NeutralAnswerAsync(await RegisterAsync(visitor, Frank, AttackerPassword), Frank);
        var fresh = await NeutralAnswerAsync(await RegisterAsync(visitor, "newcomer@example.com", AttackerPassword), "newcomer@example.com");

        Assert.Equal(fresh, existing);
        Assert.DoesNotContain("already", existing, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(usersBefore + 1, await _site.WithDbAsync(db => db.Users.CountAsync()));
        var notice = await EmailToAsync(Frank, "Someone tried to create an account with your email at Test shop");
        Assert.DoesNotContain(AttackerPassword, notice.TextBody, StringComparison.Ordinal);
        await EmailToAsync("newcomer@example.com", ConfirmSubject);

        using var atCheckoutExisting = _site.CreateSiteClient();
        using var atCheckoutFresh = _site.CreateSiteClient();
        var existingOrder = await PlacedMessageAsync(atCheckoutExisting, Frank);
        var freshOrder = await PlacedMessageAsync(atCheckoutFresh, "buyer.new@example.com");
        Assert.Equal(freshOrder, existingOrder);
        Assert.DoesNotContain("already", existingOrder, StringComparison.OrdinalIgnoreCase);
        await EmailToAsync(Frank, "Someone tried to create an account with your email at Test shop", nth: 2);
    }

    // The setting, on by default: unconfirmed self-registrations wait for their link, which they may ask for again a few times.
    [Fact]
    public async Task Unconfirmed_accounts_cannot_sign_in_and_may_ask_for_a_new_link_a_limited_number_of_times()
    {
        using var admin = await _site.AdminClientAsync();
        Assert.Matches("<input type=\"checkbox\" name=\"RequireEmailConfirmation\" value=\"true\" checked", await admin.GetPageAsync("/admin/settings/customer-accounts"));
        using var visitor = _site.CreateSiteClient();
        (await RegisterAsync(visitor, "newcomer@example.com", OwnerPassword)).Dispose();

        using (var wrong = await visitor.PostFormAsync("/account/login", [new("Email", "newcomer@example.com"), new("Password", "Not-The-Password-11")]))
        {
            var page = WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync());
            Assert.Contains("The email or password is incorrect.", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Confirm your email", page, StringComparison.Ordinal);
        }

        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var resent = await visitor.PostFormAsync("/account/confirm-email/pending", [new("Email", "newcomer@example.com")], postUrl: "/account/confirm-email/resend");
            Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
            answers.Add(await NeutralAnswerAsync(resent, "newcomer@example.com"));
        }

        Assert.Single(answers.Distinct());
        var last = await EmailToAsync("newcomer@example.com", ConfirmSubject, nth: 4);
        await Task.Delay(1000);
        Assert.Equal(4, _smtp.Messages.Count(m => m.To.Contains("newcomer@example.com") && m.Subject == ConfirmSubject));

        var (user, token, _) = Emails.ConfirmEmailLink(last);
        using var confirmed = await visitor.PostFormAsync("/account/confirm-email", [new("User", user), new("Token", token), new("Password", OwnerPassword)]);
        Assert.Equal("/account", Html.RedirectPath(confirmed));
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/account")).StatusCode);
        using var later = await SignedInAsync("newcomer@example.com", OwnerPassword);
    }

    // Example 9, third item: an admin's email change renews the security stamp and tells the old address.
    [Fact]
    public async Task An_admins_email_change_ends_sessions_kills_earlier_reset_links_and_tells_the_old_address()
    {
        var frankId = await CustomerIdAsync(Frank);
        await SetPasswordAsync(Frank, OwnerPassword);
        using var frank = await SignedInAsync(Frank, OwnerPassword);
        using var visitor = _site.CreateSiteClient();
        (await visitor.PostFormAsync("/account/forgot-password", [new("Email", Frank)])).Dispose();
        var (user, token, _) = Emails.SetPasswordLink(await EmailToAsync(Frank, "Reset your password for Test shop"));

        using var admin = await _site.AdminClientAsync();
        var customer = await CustomerAsync(frankId);
        using (var saved = await admin.PostFormAsync($"/admin/customers/{frankId}/general",
            [new("Company", customer.Company ?? ""), new("FirstName", customer.FirstName ?? ""), new("LastName", customer.LastName ?? ""), new("Email", "frank@elsewhere.example"), new("Phone", ""), new("ConcurrencyStamp", customer.ConcurrencyStamp)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using var reset = await visitor.PostFormAsync("/account/set-password", [new("User", user), new("Token", token), new("Password", "Saffron-Kettle-Meadow-88"), new("ConfirmPassword", "Saffron-Kettle-Meadow-88")]);
        Assert.Contains("This link has expired or was already used.", WebUtility.HtmlDecode(await reset.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.StartsWith("/account/login", Html.RedirectPath(await frank.GetAsync("/account")), StringComparison.Ordinal);
        var notice = await EmailToAsync(Frank, "The email of your account at Test shop was changed");
        Assert.DoesNotContain("frank@elsewhere.example", notice.TextBody, StringComparison.Ordinal);
    }

    /// <summary>What the genuine Apollo has before anyone attacks: an order, a default address and 25 USD of credit.</summary>
    private async Task<(int CustomerId, string OrderNumber)> GiveApolloAHistoryAsync()
    {
        var id = await CustomerIdAsync(Apollo);
        await _site.WithDbAsync(async db =>
        {
            db.CustomerAddresses.Add(new CustomerAddress { CustomerId = id, Name = "Home", Line1 = ApollosStreet, City = "Philadelphia", PostalCode = "19103", Country = "US", IsDefaultShipping = true, IsDefaultBilling = true });
            return await db.SaveChangesAsync();
        });
        var granted = await _site.WithDbAsync((_, services) =>
            services.GetRequiredService<ICustomerCredit>().AddEntryAsync(new CreditEntry { CustomerId = id, Amount = 25m, Currency = "USD", Description = "Goodwill", CreatedBy = "test" }));
        Assert.True(granted.Succeeded);
        using var guest = _site.CreateSiteClient();
        using var placed = await ShopForms.CheckoutAsync(guest, Apollo, ("FirstName", "Apollo"), ("LastName", "Creed"), ("Line1", ApollosStreet));
        var number = ShopForms.OrderNumber(placed);
        Assert.Equal(id, (await OrderAsync(number)).CustomerId);
        return (id, number);
    }

    private static Task<HttpResponseMessage> RegisterAsync(SiteClient client, string email, string password) =>
        client.PostFormAsync("/account/register",
            [new("Email", email), new("FirstName", "Mallory"), new("LastName", "Evil"), new("Company", "Evil Inc"), new("Password", password), new("ConfirmPassword", password)]);

    /// <summary>The page's text with the typed email taken out, to compare two answers.</summary>
    private static async Task<string> NeutralAnswerAsync(HttpResponseMessage response, string email)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return Html.Text(await response.Content.ReadAsStringAsync()).Replace(email, "(email)", StringComparison.Ordinal);
        }
    }

    /// <summary>Checks out with "choose a password" and returns the placed page's text, order number taken out.</summary>
    private static async Task<string> PlacedMessageAsync(SiteClient client, string email)
    {
        using var placed = await ShopForms.CheckoutAsync(client, email, ("Account", "ChoosePassword"), ("Password", AttackerPassword), ("ConfirmPassword", AttackerPassword));
        var number = ShopForms.OrderNumber(placed);
        return Html.Text(await client.GetPageAsync($"/shop/orders/{number}")).Replace(number, "(number)", StringComparison.Ordinal);
    }

    private async Task<SiteClient> SignedInAsync(string email, string password)
    {
        var client = _site.CreateSiteClient();
        using var response = await client.PostFormAsync("/account/login", [new("Email", email), new("Password", password)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private Task SetPasswordAsync(string email, string password) => _site.WithDbAsync(async (_, services) =>
    {
        var users = services.GetRequiredService<UserManager<ShopUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.True((await users.RemovePasswordAsync(user!)).Succeeded);
        Assert.True((await users.AddPasswordAsync(user!, password)).Succeeded);
        return true;
    });

    private Task<ReceivedEmail> EmailToAsync(string to, string subject, int nth = 1) => _smtp.EmailToAsync(to, subject, nth);

    private static string Describe(Customer customer) =>
        $"{customer.FirstName}|{customer.LastName}|{customer.Company}|{customer.Email}|{customer.Phone}|{customer.UserId}";

    private Task<Customer> CustomerAsync(int id) => _site.WithDbAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == id));

    private Task<int> CustomerIdAsync(string email) => _site.WithDbAsync(db => db.Customers.Where(c => c.Email == email).Select(c => c.Id).SingleAsync());

    private Task<string> AddressesAsync(int customerId) => _site.WithDbAsync(async db => string.Join(";", await db.CustomerAddresses.AsNoTracking()
        .Where(a => a.CustomerId == customerId).OrderBy(a => a.Id)
        .Select(a => $"{a.Name}|{a.Recipient}|{a.Line1}|{a.City}|{a.PostalCode}|{a.Country}|{a.IsDefaultShipping}|{a.IsDefaultBilling}").ToListAsync()));

    private Task<decimal> BalanceAsync(int customerId) =>
        _site.WithDbAsync((_, services) => services.GetRequiredService<ICustomerCredit>().GetBalanceAsync(customerId, "USD"));

    private Task<Order> OrderAsync(string number) => _site.WithDbAsync(async db =>
    {
        await db.Database.OpenConnectionAsync();
        await using var shop = ShopDbContext.On(db);
        return await shop.Orders.AsNoTracking().SingleAsync(o => o.Number == number);
    });
}

public sealed class SqliteMailboxProofTests : MailboxProofTests
{
    protected override Task<TestSiteOptions> SiteOptionsAsync() => Task.FromResult(new TestSiteOptions());
}

public sealed class PostgresMailboxProofTests(SharedPostgresServer postgres) : MailboxProofTests, IClassFixture<SharedPostgresServer>
{
    protected override async Task<TestSiteOptions> SiteOptionsAsync() =>
        new() { Provider = DatabaseProvider.PostgreSql, ConnectionString = await postgres.CreateDatabaseAsync("mailbox") };
}
