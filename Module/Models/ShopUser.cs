using Microsoft.AspNetCore.Identity;

namespace Commerce.Customers.Models;

/// <summary>A login of the site: an administrator, staff member or registered customer.</summary>
public sealed class ShopUser : IdentityUser
{
    /// <summary>Set when an administrator chose the password: the user must pick their own at next sign-in.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>
    /// Created by its owner (the Register page, or "choose a password" at checkout) rather than by staff.
    /// Until <see cref="IdentityUser.EmailConfirmed"/> such a login is trusted with nothing but its own
    /// new customer record, and, when the site requires it, may not sign in.
    /// </summary>
    public bool RegisteredThemselves { get; set; }

    /// <summary>The language this person chose (a supported culture name such as "de"); null follows the browser, then the site.</summary>
    public string? Culture { get; set; }

    /// <summary>The IANA time zone this person chose for dates and times; null means the site's.</summary>
    public string? TimeZoneId { get; set; }

    public const int DisabledReasonMaxLength = 500;

    /// <summary>When staff disabled this login: it cannot sign in by any method until enabled again.</summary>
    public DateTime? DisabledUtc { get; set; }

    /// <summary>Why, in the words of whoever disabled it (shown to staff, never to the customer).</summary>
    public string? DisabledReason { get; set; }

    public string? DisabledBy { get; set; }

    public bool IsDisabled => DisabledUtc is not null;

    /// <summary>
    /// The time step of the last authenticator code this login used: a code is accepted once, and
    /// never one older than the last (AuthenticatorCodes).
    /// </summary>
    public long? AuthenticatorLastTimeStep { get; set; }
}
