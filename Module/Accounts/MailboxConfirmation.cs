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
/// The emails that prove a mailbox before a self-registered account is trusted with it: the
/// confirmation link, the same again on request, and the notice an existing account's owner gets
/// when someone tries to register their address (the visitor is told nothing about it).
/// </summary>
public sealed class MailboxConfirmation(
    CustomersDbContext db,
    UserManager<ShopUser> users,
    ICustomerNotifications notifications,
    SiteUrls urls,
    ResetRequestLimiter limiter,
    UnknownAccountPassword unknownAccount,
    TimeProvider clock,
    ILogger<MailboxConfirmation> logger)
{
    /// <summary>Enqueues the confirmation link of a self-registered login, in the caller's unit of work; the caller saves.</summary>
    public async Task<Notification> SendLinkAsync(ShopUser user, Customer customer, CancellationToken cancellationToken = default)
    {
        var link = await urls.ConfirmEmailLinkAsync(user.Id, await users.GenerateEmailConfirmationTokenAsync(user), cancellationToken);
        return await notifications.EnqueueAsync(EmailTemplateDefinitions.ConfirmEmail, customer, user.UserName!, link, cancellationToken);
    }

    /// <summary>
    /// Tells the owner of <paramref name="owner"/> that someone tried to register their address, a few
    /// times per window at most; the caller saves. A login without a customer record (staff) is not told.
    /// It costs one password hash, as creating the login would have, so the answer's time does not
    /// tell a taken address from a new one either.
    /// </summary>
    public async Task TellOwnerOfAttemptAsync(ShopUser owner, string where, CancellationToken cancellationToken = default)
    {
        unknownAccount.HashAsForANewLogin();
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.UserId == owner.Id, cancellationToken);
        if (customer?.Email is null || !limiter.TryAcquire("registration-attempt:" + customer.NormalizedEmail))
        {
            return;
        }

        var notification = await notifications.EnqueueAsync(EmailTemplateDefinitions.RegistrationAttempt, customer, owner.UserName!, null, cancellationToken);
        db.LoginAudits.Add(new LoginAudit
        {
            CustomerId = customer.Id,
            UserId = owner.Id,
            Action = LoginAuditAction.RegistrationAttempted,
            ActorName = L["(a visitor)"],
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
            NotificationId = notification.Id,
            Details = where,
        });
    }

    /// <summary>
    /// "Send the link again". Sends only for a self-registered login that is still unconfirmed, and
    /// only a few times per address; the caller answers the same whatever happened here.
    /// </summary>
    public async Task ResendAsync(string? email, CancellationToken cancellationToken = default)
    {
        var address = email?.Trim();
        if (string.IsNullOrEmpty(address) || !CustomerValidator.IsValidEmail(address))
        {
            return;
        }

        var user = await users.FindByEmailAsync(address);
        if (user is null || !user.RegisteredThemselves || user.EmailConfirmed)
        {
            return;
        }

        if (!limiter.TryAcquire("confirm-email:" + Customer.Normalize(address)))
        {
            logger.LogWarning("Confirmation link requests for one address exceeded the limit; this one was not sent.");
            return;
        }

        var customer = await db.Customers.FirstOrDefaultAsync(c => c.UserId == user.Id, cancellationToken);
        if (customer?.Email is null)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await SendLinkAsync(user, customer, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
