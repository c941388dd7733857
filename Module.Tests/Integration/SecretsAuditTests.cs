using Commerce.Customers.Models;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// Every test site, when disposed, searches its database and logs for the passwords and tokens it
/// saw (see <see cref="SiteSecrets"/>). These tests prove that search can fail: each plants a leak
/// that the product never makes and expects the disposal to catch it.
/// </summary>
public sealed class SecretsAuditTests
{
    private const string TypedPassword = "Typed-Secret-Passw0rd!";

    [Fact]
    public async Task A_password_typed_into_a_form_and_then_logged_is_caught()
    {
        var site = await TestSite.StartAsync();
        using (var admin = await site.AdminClientAsync())
        {
            // Any post with a password field records it, accepted or not.
            using var _ = await admin.PostFormAsync("/admin/login", [new("Email", "nobody@example.com"), new("Password", TypedPassword)]);
        }

        site.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Leak").LogInformation("Someone typed {Password}", TypedPassword);

        var failure = await Assert.ThrowsAnyAsync<Exception>(async () => await site.DisposeAsync());
        Assert.Contains("the logs", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_from_an_email_stored_in_the_database_is_caught()
    {
        var site = await TestSite.StartAsync();
        var emailed = "Password: Emailed-Secret-42x\n";
        site.Secrets.AddFromEmailText(emailed);
        await site.WithDbAsync(async db =>
        {
            var customer = await db.Customers.FirstAsync();
            customer.Company = "Emailed-Secret-42x";
            return await db.SaveChangesAsync();
        });

        var failure = await Assert.ThrowsAnyAsync<Exception>(async () => await site.DisposeAsync());
        Assert.Contains("the database", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_hash_that_is_not_Identitys_is_caught()
    {
        var site = await TestSite.StartAsync();
        await site.WithDbAsync(async (db, services) =>
        {
            var users = services.GetRequiredService<UserManager<ShopUser>>();
            var user = new ShopUser { UserName = "plain@example.com", Email = "plain@example.com", PasswordHash = Convert.ToBase64String("not a pbkdf2 hash"u8.ToArray()) };
            return (await users.CreateAsync(user)).Succeeded;
        });

        var failure = await Assert.ThrowsAnyAsync<Exception>(async () => await site.DisposeAsync());
        Assert.Contains("not Identity's V3 format", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_payloads_typed_into_every_field_are_not_taken_for_secrets()
    {
        var secrets = new SiteSecrets();
        secrets.AddFromForm([new("FirstName", "<script>alert(1)</script>"), new("Password", "<script>alert(1)</script>"), new("ConfirmPassword", "Real-Passw0rd-1")]);
        Assert.Equal(["Real-Passw0rd-1"], secrets.All);
    }
}
