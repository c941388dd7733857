namespace Commerce.Customers.Models;

public enum MembershipState
{
    /// <summary>Granted for a period that has not begun; the role is added when it does.</summary>
    Scheduled,

    /// <summary>The customer holds the role.</summary>
    Active,

    /// <summary>The period ran out; the role was removed and the customer told.</summary>
    Expired,

    /// <summary>An administrator ended it early.</summary>
    Ended,
}

/// <summary>
/// A role granted to a registered customer for a period. The membership job adds the role when
/// the period begins, reminds the customer before it ends, and removes the role when it ends.
/// </summary>
public sealed class CustomerMembership
{
    public const int RoleNameMaxLength = 256;

    public long Id { get; set; }
    public int CustomerId { get; set; }
    public string RoleName { get; set; } = "";

    /// <summary>Inclusive start.</summary>
    public DateTime ValidFromUtc { get; set; }

    /// <summary>Exclusive end: the first moment the membership no longer holds.</summary>
    public DateTime ValidToUtc { get; set; }

    public MembershipState State { get; set; }
    public DateTime GrantedUtc { get; set; }
    public string GrantedBy { get; set; } = "";
    public DateTime? ReminderSentUtc { get; set; }
    public DateTime? EndedUtc { get; set; }
    public string? EndedBy { get; set; }

    public bool IsCurrent => State is MembershipState.Scheduled or MembershipState.Active;
}
