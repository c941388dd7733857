using Commerce.Customers.Models;

namespace Commerce.Customers.ViewModels;

/// <summary>What the Membership tab posts: a grant, or "end" with the membership to end.</summary>
public sealed class MembershipForm
{
    public string? Action { get; set; }
    public long? MembershipId { get; set; }
    public string? Role { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
}

public sealed class MembershipViewModel
{
    public IReadOnlyList<CustomerMembership> Memberships { get; init; } = [];

    /// <summary>The roles this admin may grant.</summary>
    public IReadOnlyList<string> GrantableRoles { get; init; } = [];

    public MembershipForm Form { get; init; } = new();
    public int ReminderDays { get; init; }

    /// <summary>The site's calendar, in which the days are counted.</summary>
    public Memberships.SiteCalendar Calendar { get; init; } = new(TimeZoneInfo.Utc);
}
