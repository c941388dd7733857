using Commerce.Customers.Models;

namespace Commerce.Customers.Notifications;

/// <summary>Something that happened to a login's ways of signing in, which its owner is told of.</summary>
public enum SecurityNotice
{
    /// <summary>A passkey was added; the detail is its name.</summary>
    PasskeyAdded,

    TwoFactorEnabled,
    TwoFactorDisabled,

    /// <summary>A recovery code signed in; the detail is how many are left.</summary>
    RecoveryCodeUsed,

    /// <summary>Staff reset the login's two-factor sign-in.</summary>
    TwoFactorReset,
}

/// <summary>
/// The emails that tell a login's owner about a change to how it signs in. They carry no secret:
/// they only let the owner react if it was not them. A customer is written to as for any account
/// email; staff (a login without a customer record) at their login's email, in their own language.
/// </summary>
public sealed class SecurityNotices(ICustomerNotifications notifications)
{
    /// <summary>
    /// Adds the notice to the outbox in the caller's DbContext: the caller's SaveChanges writes it,
    /// with the change it announces, and it is delivered once that commits.
    /// </summary>
    /// <param name="detail">The passkey's name, or the number of recovery codes left; never a secret.</param>
    public Task EnqueueAsync(ShopUser user, SecurityNotice notice, string? detail, CancellationToken cancellationToken = default)
    {
        // A login without an address has nobody to tell; the change it announces still stands.
        if (string.IsNullOrWhiteSpace(user.Email))
        {
            return Task.CompletedTask;
        }

        var (template, about) = notice switch
        {
            SecurityNotice.PasskeyAdded => (EmailTemplateDefinitions.PasskeyAdded, new EmailNotice { PasskeyName = detail }),
            SecurityNotice.TwoFactorEnabled => (EmailTemplateDefinitions.TwoFactorEnabled, new EmailNotice()),
            SecurityNotice.TwoFactorDisabled => (EmailTemplateDefinitions.TwoFactorDisabled, new EmailNotice()),
            SecurityNotice.RecoveryCodeUsed => (EmailTemplateDefinitions.RecoveryCodeUsed, new EmailNotice { RecoveryCodesLeft = detail }),
            SecurityNotice.TwoFactorReset => (EmailTemplateDefinitions.TwoFactorReset, new EmailNotice()),
            _ => throw new ArgumentOutOfRangeException(nameof(notice), notice, "There is no such security notice."),
        };
        return notifications.EnqueueForLoginAsync(template, user, secret: null, about, cancellationToken: cancellationToken);
    }
}
