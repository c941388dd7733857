using Commerce.Customers.Security;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Accounts;

/// <summary>How customers learn a password an administrator created for them.</summary>
public enum PasswordNotificationMode
{
    /// <summary>Email the password itself, as the original product does (the default).</summary>
    EmailPassword,

    /// <summary>Email a one-time, expiring link to choose a password; no password is ever emailed.</summary>
    EmailSetPasswordLink,
}

/// <summary>The site's "Customer accounts" settings, kept in the site settings under <c>CustomerAccounts</c>.</summary>
public sealed class CustomerAccountSettings
{
    public const string SectionName = "CustomerAccounts";

    /// <summary>Visitors may create their own account (the Register page, and "Create an account" at checkout).</summary>
    public bool EnableRegistration { get; set; }

    /// <summary>
    /// Self-registered accounts may sign in only after following the link emailed to their address.
    /// Either way, a new account is linked to an older customer record with its email only on confirmation.
    /// </summary>
    public bool RequireEmailConfirmation { get; set; } = true;

    /// <summary>Customers may reset a forgotten password themselves by email.</summary>
    public bool AllowPasswordReset { get; set; } = true;

    /// <summary>How long set-password and reset links work, in hours; empty means the configured default.</summary>
    public int? LinkLifetimeHours { get; set; }

    /// <summary>The weakest password accepted; the original documentation recommends strong.</summary>
    public PasswordStrengthLevel MinimumPasswordStrength { get; set; } = PasswordStrengthLevel.Average;

    public PasswordNotificationMode NotificationMode { get; set; } = PasswordNotificationMode.EmailPassword;

    /// <summary>Whether "Require password change at next sign-in" starts ticked on the Login details tab.</summary>
    public bool RequirePasswordChangeByDefault { get; set; }

    /// <summary>How many days before a membership ends the customer is reminded; 0 sends no reminder.</summary>
    public int MembershipReminderDays { get; set; } = 7;

    /// <summary>
    /// Staff (anyone holding an admin permission) must sign in with two factors: an authenticator
    /// app or a passkey. One without either is kept on their Security page until they set one up.
    /// </summary>
    public bool RequireStaffSecondFactor { get; set; } = true;

    /// <summary>How many days each login's sign-in history is kept.</summary>
    public int SignInHistoryDays { get; set; } = 90;

    /// <summary>What is wrong, in words for the admin form and the recipe author alike (each names the recipe key).</summary>
    public IEnumerable<string> Validate(IStringLocalizer S)
    {
        if (!Enum.IsDefined(MinimumPasswordStrength))
        {
            yield return S["The minimum password strength (MinimumPasswordStrength) must be one of Weak, Acceptable, Average, Strong or Excellent."];
        }

        if (LinkLifetimeHours is < 1 or > 24 * 30)
        {
            yield return S["The reset link lifetime (LinkLifetimeHours) must be between 1 and 720 hours (30 days)."];
        }

        if (MembershipReminderDays is < 0 or > 365)
        {
            yield return S["The membership reminder (MembershipReminderDays) must be between 0 and 365 days."];
        }

        if (SignInHistoryDays is < 1 or > 3650)
        {
            yield return S["The sign-in history (SignInHistoryDays) must be kept between 1 and 3650 days."];
        }

        if (!Enum.IsDefined(NotificationMode))
        {
            yield return S["The notification mode (NotificationMode) must be EmailPassword or EmailSetPasswordLink."];
        }
    }
}
