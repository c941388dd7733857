using System.Net;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Tests.Integration;

/// <summary>The demo shop's checkout against the module's contract, over real HTTP with a real SMTP server.</summary>
public sealed class CheckoutTests : IAsyncLifetime
{
    private SmtpTestServer _smtp = null!;
    private TestSite _site = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _site = await TestSite.StartAsync(new TestSiteOptions { Smtp = _smtp });
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_guest_ordering_with_a_known_email_is_matched_to_that_customer_not_duplicated_and_leaves_their_addresses_alone()
    {
        using var guest = _site.CreateSiteClient();
        var before = await _site.WithDbAsync(db => db.Customers.CountAsync());

        using var placed = await ShopForms.CheckoutAsync(guest, "apollo@creed.com", ("Account", "None"));

        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        Assert.Equal(before, await _site.WithDbAsync(db => db.Customers.CountAsync()));
        var apollo = await _site.WithDbAsync(db => db.Customers.SingleAsync(c => c.Email == "apollo@creed.com"));
        Assert.Null(apollo.UserId);
        // The order ships to the typed address, but a guest never adds to (or re-defaults) the customer's addresses.
        Assert.Empty(await _site.WithDbAsync(db => db.CustomerAddresses.Where(a => a.CustomerId == apollo.Id).ToListAsync()));
    }

    [Fact]
    public async Task Email_me_a_password_at_checkout_creates_the_login_with_the_order_and_emails_it()
    {
        using var guest = _site.CreateSiteClient();

        using var placed = await ShopForms.CheckoutAsync(guest, "new.buyer@example.com", ("Account", "EmailMeAPassword"));

        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        var email = Assert.Single(await _smtp.WaitForAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal(["new.buyer@example.com"], email.To);
        var password = Emails.Password(email);
        using var client = _site.CreateSiteClient();
        using var signIn = await client.PostFormAsync("/account/login", [new("Email", "new.buyer@example.com"), new("Password", password)]);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var account = await client.GetPageAsync("/account");
        Assert.Contains("SO-", account, StringComparison.Ordinal);
        Assert.Contains("1 Main Street", account, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_checkout_input_is_refused_by_the_field_and_nothing_is_written()
    {
        using var guest = _site.CreateSiteClient();
        var before = await CountsAsync();

        using var refused = await ShopForms.CheckoutAsync(guest, "buyer@example.com", ("Country", "XX"), ("City", ""), ("Account", "ChoosePassword"), ("Password", "password"), ("ConfirmPassword", "password"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Choose a country", Html.FieldError(page, "Country"), StringComparison.Ordinal);
        Assert.Contains("Enter the city.", Html.FieldError(page, "City"), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());

        using var weak = await ShopForms.CheckoutAsync(guest, "buyer@example.com", ("Account", "ChoosePassword"), ("Password", "password"), ("ConfirmPassword", "password"));
        Assert.Contains("The password is weak", WebUtility.HtmlDecode(Html.FieldError(await weak.Content.ReadAsStringAsync(), "Password")), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_guest_cannot_buy_a_members_only_product_even_with_a_crafted_cart()
    {
        var robe = await _site.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var shop = Host.Shop.ShopDbContext.On(db);
            return await shop.Products.Where(p => p.MembersOnly).Select(p => p.Id).SingleAsync();
        });
        using var guest = _site.CreateSiteClient();

        using var add = await guest.PostFormAsync("/shop", [new("productId", robe.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("quantity", "1")], postUrl: "/shop/cart/add");
        Assert.Equal(HttpStatusCode.NotFound, add.StatusCode);

        guest.Http.DefaultRequestHeaders.Add("Cookie", $"demo.cart={robe}x1");
        Assert.Contains("Your cart is empty.", await guest.GetPageAsync("/shop/cart"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_registration_the_checkout_offers_no_account_and_ignores_a_forged_choice()
    {
        using var admin = _site.CreateSiteClient();
        await admin.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);
        using (var off = await admin.PostFormAsync("/admin/settings/customer-accounts", [new("MinimumPasswordStrength", "Average"), new("NotificationMode", "EmailPassword"), new("AllowPasswordReset", "true")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        }

        using var guest = _site.CreateSiteClient();
        await ShopForms.AddToCartAsync(guest);
        Assert.DoesNotContain("Create an account", await guest.GetPageAsync("/shop/checkout"), StringComparison.Ordinal);

        using var placed = await ShopForms.CheckoutAsync(guest, "sneaky@example.com", ("Account", "ChoosePassword"), ("Password", "Violet-Canoe-Thunder-42"), ("ConfirmPassword", "Violet-Canoe-Thunder-42"));
        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        Assert.Null(await _site.WithDbAsync(db => db.Customers.Where(c => c.Email == "sneaky@example.com").Select(c => c.UserId).SingleAsync()));
    }

    [Fact]
    public async Task A_customer_sees_their_own_order_details_and_nobody_elses()
    {
        await AccountSettingsForm.AllowUnconfirmedSignInAsync(_site);
        using var buyer = _site.CreateSiteClient();
        using var placed = await ShopForms.CheckoutAsync(buyer, "owner@example.com", ("Account", "ChoosePassword"), ("Password", "Violet-Canoe-Thunder-42"), ("ConfirmPassword", "Violet-Canoe-Thunder-42"));
        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        var orderId = System.Text.RegularExpressions.Regex.Match(await buyer.GetPageAsync("/account"), "data-order-id=\"([^\"]+)\"").Groups[1].Value;

        var details = await buyer.GetPageAsync($"/account/orders/{orderId}");
        Assert.Contains("Jump rope", details, StringComparison.Ordinal);
        Assert.Contains("1 Main Street", details, StringComparison.Ordinal);

        using var other = _site.CreateSiteClient();
        using (var registered = await ShopForms.CheckoutAsync(other, "other@example.com", ("Account", "ChoosePassword"), ("Password", "Lantern-Orchard-Quartz-19"), ("ConfirmPassword", "Lantern-Orchard-Quartz-19")))
        {
            Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/account/orders/{orderId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/account/orders/not-a-guid")).StatusCode);
    }

    private Task<string> CountsAsync() => _site.WithDbAsync(async db =>
        $"{await db.Customers.CountAsync()}|{await db.Users.CountAsync()}|{await db.CustomerAddresses.CountAsync()}|{await db.Notifications.CountAsync()}");
}
