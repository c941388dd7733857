using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// The security notices (<see cref="SecurityNotices"/>), called as two-factor sign-in and passkeys
/// call them, through the real outbox to a real SMTP server: each in its template, none with a secret.
/// </summary>
public sealed class SecurityNoticesTests(SmtpSite fixture) : IClassFixture<SmtpSite>
{
    // used by two-factor and passkeys
    [Theory]
    [InlineData(SecurityNotice.PasskeyAdded, "MacBook Touch ID", "A passkey was added to your account at Test shop", "A passkey named MacBook Touch ID was added")]
    [InlineData(SecurityNotice.TwoFactorEnabled, null, "Two-factor sign-in is on for your account at Test shop", "Two-factor sign-in was turned on")]
    [InlineData(SecurityNotice.TwoFactorDisabled, null, "Two-factor sign-in is off for your account at Test shop", "Two-factor sign-in was turned off")]
    [InlineData(SecurityNotice.RecoveryCodeUsed, "7", "A recovery code was used at Test shop", "7 recovery codes are left")]
    [InlineData(SecurityNotice.TwoFactorReset, null, "Two-factor sign-in for your account at Test shop was reset", "our staff reset two-factor sign-in")]
    public async Task Each_security_notice_reaches_the_customer_in_its_template_and_carries_no_secret(SecurityNotice notice, string? detail, string subject, string says)
    {
        var email = await TestAccounts.CreateAsync(fixture.Site, $"notice.{notice}.{Guid.NewGuid().ToString("N")[..6]}@example.com".ToLowerInvariant());

        var queued = await EnqueueAsync(email, notice, detail);

        var received = await fixture.Smtp.EmailToAsync(email, subject);
        Assert.Contains("Dear Test Own,", received.TextBody, StringComparison.Ordinal);
        Assert.Contains(says, received.TextBody, StringComparison.Ordinal);
        Assert.Contains(says, Html.Text(received.HtmlBody), StringComparison.Ordinal);
        AssertNoSecret(received, queued);
        Assert.NotNull(queued.CustomerId);
    }

    // used by two-factor and passkeys
    [Fact]
    public async Task A_notice_to_staff_without_a_customer_record_names_them_by_their_email_in_their_own_language()
    {
        var email = $"staff.notice.{Guid.NewGuid().ToString("N")[..6]}@example.com";
        await fixture.Site.WithDbAsync(async (_, services) =>
            (await services.GetRequiredService<UserManager<ShopUser>>().CreateAsync(new ShopUser { UserName = email, Email = email, EmailConfirmed = true, Culture = "de" }, TestAccounts.Password)).Succeeded);

        var queued = await EnqueueAsync(email, SecurityNotice.RecoveryCodeUsed, "2");

        var received = await fixture.Smtp.EmailToAsync(email, "Bei Test shop wurde ein Wiederherstellungscode verwendet");
        Assert.Contains($"Guten Tag {email},", received.TextBody, StringComparison.Ordinal);
        Assert.Contains("Es bleiben 2 Wiederherstellungscodes.", received.TextBody, StringComparison.Ordinal);
        Assert.Null(queued.CustomerId);
        Assert.Equal("de", queued.Culture);
        AssertNoSecret(received, queued);
    }

    /// <summary>Enqueues the notice in a unit of work of its own, as the caller's SaveChanges writes it.</summary>
    private async Task<Notification> EnqueueAsync(string email, SecurityNotice notice, string? detail)
    {
        var id = await fixture.Site.WithDbAsync(async (db, services) =>
        {
            var user = (await services.GetRequiredService<UserManager<ShopUser>>().FindByEmailAsync(email))!;
            await services.GetRequiredService<SecurityNotices>().EnqueueAsync(user, notice, detail);
            var added = db.ChangeTracker.Entries<Notification>().Single().Entity.Id;
            await db.SaveChangesAsync();
            return added;
        });
        return await fixture.Site.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Id == id));
    }

    private static void AssertNoSecret(ReceivedEmail received, Notification queued)
    {
        var text = received.TextBody + received.HtmlBody;
        Assert.False(queued.HadSecret);
        Assert.DoesNotContain("token=", text, StringComparison.Ordinal);
        Assert.DoesNotContain("#user=", text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestAccounts.Password, text, StringComparison.Ordinal);
    }
}
