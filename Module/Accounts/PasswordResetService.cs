using System.Threading.RateLimiting;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Commerce.Customers.Services;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using static Commerce.Customers.Localization.DeferredText;

namespace Commerce.Customers.Accounts;

/// <summary>
/// Limits account emails a visitor can trigger per address (reset links; with a prefix, confirmation
/// links and registration notices), so nobody can flood a customer's inbox: a few per window,
/// whatever IP the requests come from. (Requests per IP are limited by the rate limiter middleware.)
/// </summary>
public sealed class ResetRequestLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(email =>
        RateLimitPartition.GetFixedWindowLimiter(email, _ => new FixedWindowRateLimiterOptions { PermitLimit = 3, Window = TimeSpan.FromMinutes(15) }));

    public bool TryAcquire(string normalizedEmail)
    {
        using var lease = _limiter.AttemptAcquire(normalizedEmail);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>
/// "Forgot password": emails a one-time reset link to a customer's login. The caller shows the
/// same answer whether or not the email exists, so the form reveals no accounts.
/// </summary>
public sealed class PasswordResetService(
    CustomersDbContext db,
    UserManager<ShopUser> users,
    ICustomerNotifications notifications,
    SiteUrls urls,
    ResetRequestLimiter limiter,
    TimeProvider clock,
    ILogger<PasswordResetService> logger)
{
    public async Task RequestAsync(string? email, CancellationToken cancellationToken = default)
    {
        var address = email?.Trim();
        if (string.IsNullOrEmpty(address) || !CustomerValidator.IsValidEmail(address))
        {
            return;
        }

        var normalized = Customer.Normalize(address);
        if (!limiter.TryAcquire(normalized))
        {
            logger.LogWarning("Password reset requests for one address exceeded the limit; this one was not sent.");
            return;
        }

        var user = await users.FindByEmailAsync(address);
        var customer = user is null ? null : await db.Customers.FirstOrDefaultAsync(c => c.UserId == user.Id, cancellationToken);
        if (user is null || customer?.Email is null)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var link = await urls.SetPasswordLinkAsync(user.Id, await users.GeneratePasswordResetTokenAsync(user), cancellationToken);
        var notification = await notifications.EnqueueAsync(EmailTemplateDefinitions.PasswordReset, customer, user.UserName!, link, cancellationToken);
        db.LoginAudits.Add(new LoginAudit
        {
            CustomerId = customer.Id,
            UserId = user.Id,
            Action = LoginAuditAction.PasswordResetRequested,
            ActorName = L["(the customer, by email)"],
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
            NotificationId = notification.Id,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
