using Commerce.Customers.Accounts;
using Commerce.Customers.Models;
using Commerce.Customers.Security;

namespace Commerce.Customers.ViewModels;

/// <summary>What the Login details form posts. Passwords are never sent back to the browser.</summary>
public sealed class LoginDetailsForm
{
    /// <summary>"create", "generate", "save", "disable", "enable" or "sign-out": the button pressed.</summary>
    public string? Action { get; set; }
    public string? DisableReason { get; set; }
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }
    public bool RequirePasswordChange { get; set; }
}

public sealed record LoginAuditRow(LoginAudit Audit, string? NotificationSubject, NotificationStatus? NotificationStatus);

public sealed class LoginDetailsViewModel
{
    public bool IsRegistered { get; init; }
    public string? Email { get; init; }
    public PasswordStrengthLevel MinimumStrength { get; init; }
    public PasswordNotificationMode Mode { get; init; }
    public bool RequirePasswordChange { get; init; }

    /// <summary>The customer's details as a JSON array, for the meter to count against the password as the server does.</summary>
    public string UserInputsJson { get; init; } = "[]";

    public IReadOnlyList<LoginAuditRow> History { get; init; } = [];

    /// <summary>When, by whom and why staff disabled the login; null while it may sign in.</summary>
    public DateTime? DisabledUtc { get; init; }
    public string? DisabledBy { get; init; }
    public string? DisabledReason { get; init; }
    public string? DisableReason { get; init; }

    /// <summary>The login's last successful sign-in within the kept history, if any.</summary>
    public DateTime? LastSignInUtc { get; init; }

    /// <summary>The login's ways in, at a glance: a password, an authenticator app, passkeys.</summary>
    public bool HasPassword { get; init; }
    public bool TwoFactorEnabled { get; init; }
    public int PasskeyCount { get; init; }
}
