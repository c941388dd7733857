using Commerce.Customers.Accounts;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using static Commerce.Customers.Localization.DeferredText;

namespace Commerce.Customers.Memberships;

/// <summary>What one pass of the membership job did.</summary>
public sealed record MembershipPass(int Expired, int Activated, int Reminded)
{
    public int Total => Expired + Activated + Reminded;
}

/// <summary>
/// Moves memberships along in time: ends the ones whose period is over (removing the role and
/// emailing the customer), starts scheduled ones, and sends reminders before the end. Every step
/// claims its row with a conditional update inside its own transaction, so when several nodes run
/// the job at once each step happens, and each email is queued, exactly once.
/// </summary>
public sealed class MembershipLifecycle(
    CustomersDbContext db,
    UserManager<ShopUser> users,
    ICustomerNotifications notifications,
    CustomerAccountSettingsStore settings,
    SiteCalendarStore calendars,
    TimeProvider clock,
    ILogger<MembershipLifecycle> logger)
{
    private const int BatchSize = 100;
    private static readonly string JobActor = L["Membership job"];

    /// <summary>Handles everything due now, in batches, until nothing is left.</summary>
    public async Task<MembershipPass> ProcessDueAsync(CancellationToken cancellationToken = default)
    {
        var total = new MembershipPass(0, 0, 0);
        while (true)
        {
            var pass = await ProcessBatchAsync(cancellationToken);
            total = new MembershipPass(total.Expired + pass.Expired, total.Activated + pass.Activated, total.Reminded + pass.Reminded);
            if (pass.Total < BatchSize)
            {
                return total;
            }
        }
    }

    private async Task<MembershipPass> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // Ends first, then starts: a renewal that begins when the old period ends keeps its role.
        var ending = await Due(m => (m.State == MembershipState.Active || m.State == MembershipState.Scheduled) && m.ValidToUtc <= now, m => m.ValidToUtc, cancellationToken);
        var expired = 0;
        foreach (var id in ending)
        {
            expired += await StepAsync(id, MembershipState.Expired, now, cancellationToken) ? 1 : 0;
        }

        var starting = await Due(m => m.State == MembershipState.Scheduled && m.ValidFromUtc <= now && m.ValidToUtc > now, m => m.ValidFromUtc, cancellationToken);
        var activated = 0;
        foreach (var id in starting)
        {
            activated += await StepAsync(id, MembershipState.Active, now, cancellationToken) ? 1 : 0;
        }

        var reminded = 0;
        var days = (await settings.GetAsync(cancellationToken)).MembershipReminderDays;
        if (days > 0)
        {
            var horizon = now.AddDays(days);
            // A membership shorter than the reminder period gets no reminder: it would arrive as it begins.
            var reminders = await Due(
                m => m.State == MembershipState.Active && m.ReminderSentUtc == null && m.ValidToUtc <= horizon && m.ValidToUtc > now && m.ValidFromUtc <= m.ValidToUtc.AddDays(-days),
                m => m.ValidToUtc,
                cancellationToken);
            foreach (var id in reminders)
            {
                reminded += await RemindAsync(id, now, cancellationToken) ? 1 : 0;
            }
        }

        return new MembershipPass(expired, activated, reminded);
    }

    private Task<List<long>> Due(System.Linq.Expressions.Expression<Func<CustomerMembership, bool>> predicate, System.Linq.Expressions.Expression<Func<CustomerMembership, DateTime>> order, CancellationToken cancellationToken) =>
        db.CustomerMemberships.AsNoTracking().Where(predicate).OrderBy(order).ThenBy(m => m.Id).Select(m => m.Id).Take(BatchSize).ToListAsync(cancellationToken);

    /// <summary>Moves one membership to Expired or Active, with its role change and email, in one transaction.</summary>
    private async Task<bool> StepAsync(long id, MembershipState to, DateTime now, CancellationToken cancellationToken)
    {
        return await InTransactionAsync(async () =>
        {
            var membership = await db.CustomerMemberships.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
            var from = membership.State;
            if (!membership.IsCurrent)
            {
                return false; // Another node got there first.
            }

            var claimed = to == MembershipState.Expired
                ? await db.CustomerMemberships.Where(m => m.Id == id && m.State == from)
                    .ExecuteUpdateAsync(set => set.SetProperty(m => m.State, to).SetProperty(m => m.EndedUtc, now).SetProperty(m => m.EndedBy, JobActor), cancellationToken)
                : await db.CustomerMemberships.Where(m => m.Id == id && m.State == MembershipState.Scheduled)
                    .ExecuteUpdateAsync(set => set.SetProperty(m => m.State, to), cancellationToken);
            if (claimed == 0)
            {
                return false; // Another node got there first.
            }

            var customer = await db.Customers.SingleAsync(c => c.Id == membership.CustomerId, cancellationToken);
            var user = customer.UserId is null ? null : await users.FindByIdAsync(customer.UserId);
            if (user is null)
            {
                return true; // The login was deleted: nothing to add or remove, nobody to tell.
            }

            if (to == MembershipState.Active)
            {
                if (!await users.IsInRoleAsync(user, membership.RoleName))
                {
                    EnsureSucceeded(await users.AddToRoleAsync(user, membership.RoleName));
                }

                return true;
            }

            // A scheduled membership that ends before the job started it never held the role.
            if (from == MembershipState.Active)
            {
                await MembershipService.RemoveRoleUnlessHeldAsync(db, users, user, membership, cancellationToken);
            }

            var sent = await notifications.EnqueueMembershipAsync(EmailTemplateDefinitions.MembershipExpired, customer, user.UserName!, await EmailModelOfAsync(membership, cancellationToken), cancellationToken);
            var calendar = await calendars.GetAsync(cancellationToken);
            db.LoginAudits.Add(new LoginAudit
            {
                CustomerId = customer.Id,
                UserId = user.Id,
                Action = LoginAuditAction.MembershipExpired,
                ActorName = JobActor,
                CreatedUtc = now,
                NotificationId = sent.Id,
                Details = L["{0}, {1} to {2}.", membership.RoleName, calendar.Day(membership.ValidFromUtc), calendar.LastDay(membership.ValidToUtc)],
            });
            return true;
        }, cancellationToken);
    }

    private async Task<bool> RemindAsync(long id, DateTime now, CancellationToken cancellationToken)
    {
        return await InTransactionAsync(async () =>
        {
            var claimed = await db.CustomerMemberships.Where(m => m.Id == id && m.State == MembershipState.Active && m.ReminderSentUtc == null)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.ReminderSentUtc, now), cancellationToken);
            if (claimed == 0)
            {
                return false;
            }

            var membership = await db.CustomerMemberships.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
            var customer = await db.Customers.SingleAsync(c => c.Id == membership.CustomerId, cancellationToken);
            if (customer.UserId is null || string.IsNullOrWhiteSpace(customer.Email) || await users.FindByIdAsync(customer.UserId) is not { } user)
            {
                return true;
            }

            await notifications.EnqueueMembershipAsync(EmailTemplateDefinitions.MembershipExpiring, customer, user.UserName!, await EmailModelOfAsync(membership, cancellationToken), cancellationToken);
            return true;
        }, cancellationToken);
    }

    private async Task<bool> InTransactionAsync(Func<Task<bool>> step, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (!await step())
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            logger.LogWarning(exception, "A membership step failed; it will be tried again on the next pass.");
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<EmailMembership> EmailModelOfAsync(CustomerMembership membership, CancellationToken cancellationToken)
    {
        var calendar = await calendars.GetAsync(cancellationToken);
        return new()
        {
            Role = membership.RoleName,
            ValidFrom = calendar.Day(membership.ValidFromUtc),
            ValidTo = calendar.LastDay(membership.ValidToUtc),
        };
    }

    private static void EnsureSucceeded(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(error => error.Code)));
        }
    }
}
