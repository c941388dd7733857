namespace Commerce.Customers.Models;

public enum LoginAuditAction
{
    LoginCreated,
    PasswordGenerated,
    PasswordSet,
    SetPasswordLinkSent,
    PasswordChosenByCustomer,
    RegisteredThemselves,
    PasswordResetRequested,
    RolesChanged,
    MembershipGranted,
    MembershipEnded,
    MembershipExpired,

    /// <summary>Staff tried an action the staff boundary refused; Details say which and why.</summary>
    ActionRefused,
    EmailConfirmed,
    RegistrationAttempted,
    EmailChangedByStaff,

    /// <summary>Staff disabled the login (Details: why); it cannot sign in until enabled.</summary>
    LoginDisabled,
    LoginEnabled,

    /// <summary>Every session of the login was ended (its security stamp renewed).</summary>
    SignedOutEverywhere,

    /// <summary>The owner turned on sign-in with an authenticator app.</summary>
    TwoFactorEnabled,
    TwoFactorDisabled,
    RecoveryCodesRegenerated,

    /// <summary>Someone signed in with one of the login's recovery codes (Details: how many remain).</summary>
    RecoveryCodeUsed,

    /// <summary>Staff turned off the login's authenticator and passkeys, for an owner who lost their device.</summary>
    TwoFactorReset,
    PasskeyAdded,
    PasskeyRemoved,

    /// <summary>The customer moved their login to a new address by the link sent there; the old address was told.</summary>
    EmailChangedByCustomer,

    /// <summary>The previous address said an email change was not theirs: every session ended and staff were told.</summary>
    EmailChangeReported,
}

/// <summary>
/// One login action on a customer: who did it, when, and which email it sent.
/// Passwords and links are never recorded here.
/// </summary>
public sealed class LoginAudit
{
    public const int DetailsMaxLength = 500;

    public long Id { get; set; }
    public int? CustomerId { get; set; }
    public string? UserId { get; set; }
    public LoginAuditAction Action { get; set; }

    /// <summary>The administrator (or the customer) who acted.</summary>
    public string? ActorUserId { get; set; }
    public string ActorName { get; set; } = "";

    public DateTime CreatedUtc { get; set; }
    public Guid? NotificationId { get; set; }

    /// <summary>Non-secret detail, such as "must change password at next sign-in".</summary>
    public string? Details { get; set; }
}
