using System.Security.Claims;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Security;
using Commerce.Customers.Services;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using static Commerce.Customers.Localization.DeferredText;

namespace Commerce.Customers.Memberships;

/// <summary>
/// Grants and ends memberships from the Membership tab. Writes go through the caller's
/// DbContext and transaction; the role itself follows the membership's state.
/// </summary>
public sealed class MembershipService(
    CustomersDbContext db,
    UserManager<ShopUser> users,
    RoleGrantPolicy grantPolicy,
    SiteCalendarStore calendars,
    TimeProvider clock,
    IStringLocalizer<MembershipService> S)
{
    public const string RoleField = "Role";
    public const string ValidFromField = "ValidFrom";
    public const string ValidToField = "ValidTo";

    /// <summary>How far ahead a membership's days may be.</summary>
    public const int MaxYearsAhead = 100;

    /// <summary>Grants <paramref name="role"/> from the start of <paramref name="from"/> to the end of <paramref name="to"/>, days of the site's calendar.</summary>
    public async Task<(CustomerMembership? Membership, IReadOnlyList<FieldError> Errors)> GrantAsync(
        Customer customer, string? role, DateOnly? from, DateOnly? to, ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        var user = customer.UserId is null ? null : await users.FindByIdAsync(customer.UserId);
        if (user is null)
        {
            return (null, [new FieldError("", S["The customer has no login; create one on the Login details tab first."])]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await calendars.GetAsync(cancellationToken);
        var today = calendar.DayOf(now);
        role = role?.Trim();
        if (string.IsNullOrEmpty(role) || await db.Roles.AsNoTracking().SingleOrDefaultAsync(r => r.Name == role, cancellationToken) is null)
        {
            errors.Add(new FieldError(RoleField, S["Choose one of the site's roles."]));
        }
        else if (!await grantPolicy.MayGrantAsync(actor, role))
        {
            errors.Add(new FieldError(RoleField, S["You may not grant {0}: it carries permissions you do not have.", role]));
        }

        // Days past this are typing mistakes, and near the calendar's end the day after the last
        // (where a membership stops) would not exist.
        var latest = today.AddYears(MaxYearsAhead);
        if (from is null)
        {
            errors.Add(new FieldError(ValidFromField, S["Enter the first day of the membership."]));
        }
        else if (from > latest)
        {
            errors.Add(new FieldError(ValidFromField, S["The first day is more than {0} years away. Choose a day before {1}.", MaxYearsAhead, SiteCalendar.Text(latest)]));
        }

        if (to is null)
        {
            errors.Add(new FieldError(ValidToField, S["Enter the last day of the membership."]));
        }
        else if (to > latest)
        {
            errors.Add(new FieldError(ValidToField, S["The last day is more than {0} years away. Choose a day before {1}.", MaxYearsAhead, SiteCalendar.Text(latest)]));
        }
        else if (to < today)
        {
            errors.Add(new FieldError(ValidToField, S["The last day is in the past."]));
        }
        else if (from is not null && to < from)
        {
            errors.Add(new FieldError(ValidToField, S["The last day cannot come before the first day."]));
        }
        else if (from is not null && to.Value.DayNumber - from.Value.DayNumber > 366 * 100)
        {
            errors.Add(new FieldError(ValidToField, S["A membership lasts at most 100 years."]));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var validFrom = calendar.StartOf(from!.Value);
        var validTo = calendar.StartOf(to!.Value.AddDays(1));
        var sameRole = await db.CustomerMemberships.AsNoTracking()
            .Where(m => m.CustomerId == customer.Id && m.RoleName == role && (m.State == MembershipState.Scheduled || m.State == MembershipState.Active))
            .ToListAsync(cancellationToken);
        if (sameRole.FirstOrDefault(m => m.ValidFromUtc < validTo && validFrom < m.ValidToUtc) is { } overlapping)
        {
            return (null, [new FieldError(ValidFromField, S["The customer already has a {0} membership from {1} to {2}; choose days that do not overlap it.", role!, calendar.Day(overlapping.ValidFromUtc), calendar.LastDay(overlapping.ValidToUtc)])]);
        }

        // A role held outside any membership is permanent: a membership would take it away when it ends.
        if (!sameRole.Any(m => m.State == MembershipState.Active) && await users.IsInRoleAsync(user, role!))
        {
            return (null, [new FieldError(RoleField, S["The customer already holds {0} permanently. Remove it on the Roles tab first if it should become time-limited.", role!])]);
        }

        var membership = new CustomerMembership
        {
            CustomerId = customer.Id,
            RoleName = role!,
            ValidFromUtc = validFrom,
            ValidToUtc = validTo,
            State = validFrom <= now ? MembershipState.Active : MembershipState.Scheduled,
            GrantedUtc = now,
            GrantedBy = ActorName(actor),
        };
        db.CustomerMemberships.Add(membership);
        if (membership.State == MembershipState.Active && !await users.IsInRoleAsync(user, role!))
        {
            var added = await users.AddToRoleAsync(user, role!);
            if (!added.Succeeded)
            {
                return (null, added.Errors.Select(error => new FieldError("", error.Description)).ToList());
            }
        }

        Audit(customer, user, LoginAuditAction.MembershipGranted, actor, L["{0}, {1} to {2}.", role, calendar.Day(validFrom), calendar.LastDay(validTo)]);
        return (membership, []);
    }

    /// <summary>Ends a current membership now; the role goes unless another current membership of it holds.</summary>
    public async Task<IReadOnlyList<FieldError>> EndAsync(Customer customer, long membershipId, ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        var membership = await db.CustomerMemberships.SingleOrDefaultAsync(m => m.Id == membershipId && m.CustomerId == customer.Id, cancellationToken);
        if (membership is null || !membership.IsCurrent)
        {
            return [new FieldError("", S["The membership has already ended or does not belong to this customer."])];
        }

        if (!await grantPolicy.MayGrantAsync(actor, membership.RoleName))
        {
            return [new FieldError("", S["You may not remove {0}: it carries permissions you do not have.", membership.RoleName])];
        }

        var wasActive = membership.State == MembershipState.Active;
        membership.State = MembershipState.Ended;
        membership.EndedUtc = clock.GetUtcNow().UtcDateTime;
        membership.EndedBy = ActorName(actor);
        var user = customer.UserId is null ? null : await users.FindByIdAsync(customer.UserId);
        if (wasActive && user is not null)
        {
            await RemoveRoleUnlessHeldAsync(db, users, user, membership, cancellationToken);
        }

        if (user is not null)
        {
            Audit(customer, user, LoginAuditAction.MembershipEnded, actor, L["{0}, ended early.", membership.RoleName]);
        }

        return [];
    }

    /// <summary>Removes the membership's role unless another active membership of the same role still holds it.</summary>
    internal static async Task RemoveRoleUnlessHeldAsync(CustomersDbContext db, UserManager<ShopUser> users, ShopUser user, CustomerMembership ending, CancellationToken cancellationToken)
    {
        var stillHeld = await db.CustomerMemberships.AnyAsync(
            m => m.CustomerId == ending.CustomerId && m.Id != ending.Id && m.RoleName == ending.RoleName && m.State == MembershipState.Active,
            cancellationToken);
        if (!stillHeld && await users.IsInRoleAsync(user, ending.RoleName))
        {
            var removed = await users.RemoveFromRoleAsync(user, ending.RoleName);
            if (!removed.Succeeded)
            {
                throw new InvalidOperationException($"The role {ending.RoleName} could not be removed: {string.Join(" ", removed.Errors.Select(error => error.Code))}");
            }
        }
    }

    private static string ActorName(ClaimsPrincipal actor) => actor.Identity?.Name ?? actor.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";

    private void Audit(Customer customer, ShopUser user, LoginAuditAction action, ClaimsPrincipal actor, string details) =>
        db.LoginAudits.Add(new LoginAudit
        {
            CustomerId = customer.Id,
            UserId = user.Id,
            Action = action,
            ActorUserId = actor.FindFirstValue(ClaimTypes.NameIdentifier),
            ActorName = ActorName(actor),
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
            Details = details,
        });
}
