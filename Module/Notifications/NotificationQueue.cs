using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Notifications;

/// <summary>
/// The outbox's state changes. A dispatcher claims due messages with a lease; every later
/// update names that lease, so a dispatcher whose lease expired (it stalled, or its node
/// died) cannot overwrite the work of the one that took over.
/// </summary>
public sealed class NotificationQueue(CustomersDbContext db, TimeProvider clock)
{
    /// <summary>A new claim's owner: the dispatcher knows it before claiming, so it can hand back a claim it never read.</summary>
    public static string NewClaimOwner() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// Claims up to <paramref name="batchSize"/> due messages for <paramref name="owner"/> and counts
    /// the attempt. The claim is written, then read back; if this throws, some may be claimed all the same.
    /// </summary>
    public async Task<IReadOnlyList<Notification>> ClaimAsync(string owner, int batchSize, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var leaseUntil = now + lease;

        if (db.Database.IsNpgsql())
        {
            // SKIP LOCKED lets each node take different rows at once instead of queueing behind one another.
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE "Notifications" SET "Status" = 1, "LeaseOwner" = {owner}, "LeaseExpiresUtc" = {leaseUntil}, "Attempts" = "Attempts" + 1
                WHERE "Id" IN (
                    SELECT "Id" FROM "Notifications"
                    WHERE ("Status" = 0 AND "NextAttemptUtc" <= {now}) OR ("Status" = 1 AND "LeaseExpiresUtc" < {now})
                    ORDER BY "NextAttemptUtc"
                    LIMIT {batchSize}
                    FOR UPDATE SKIP LOCKED)
                """, cancellationToken);
        }
        else
        {
            // SQLite has one writer at a time, so a single UPDATE is already an exclusive claim.
            var due = db.Notifications
                .Where(n => (n.Status == NotificationStatus.Queued && n.NextAttemptUtc <= now) || (n.Status == NotificationStatus.Sending && n.LeaseExpiresUtc < now))
                .OrderBy(n => n.NextAttemptUtc)
                .Select(n => n.Id)
                .Take(batchSize);
            await db.Notifications
                .Where(n => due.Contains(n.Id))
                .ExecuteUpdateAsync(set => set
                    .SetProperty(n => n.Status, NotificationStatus.Sending)
                    .SetProperty(n => n.LeaseOwner, owner)
                    .SetProperty(n => n.LeaseExpiresUtc, leaseUntil)
                    .SetProperty(n => n.Attempts, n => n.Attempts + 1), cancellationToken);
        }

        return await db.Notifications.AsNoTracking().Where(n => n.LeaseOwner == owner).OrderBy(n => n.NextAttemptUtc).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Extends a claimed message's lease from now, just before it is sent. False if the lease was
    /// lost meanwhile: another node claimed the message after it expired, and that node sends it.
    /// </summary>
    public async Task<bool> RenewAsync(Notification claimed, TimeSpan lease, CancellationToken cancellationToken)
    {
        var leaseUntil = clock.GetUtcNow().UtcDateTime + lease;
        return await Owned(claimed).ExecuteUpdateAsync(set => set.SetProperty(n => n.LeaseExpiresUtc, leaseUntil), cancellationToken) == 1;
    }

    /// <summary>Records delivery (with the subject as rendered, secret masked) and erases the secret. False if the lease was lost meanwhile.</summary>
    public async Task<bool> MarkSentAsync(Notification claimed, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var subject = claimed.Subject;
        return await Owned(claimed).ExecuteUpdateAsync(set => set
            .SetProperty(n => n.Status, NotificationStatus.Sent)
            .SetProperty(n => n.Subject, subject)
            .SetProperty(n => n.SentUtc, now)
            .SetProperty(n => n.ProtectedSecret, (string?)null)
            .SetProperty(n => n.LastError, (string?)null)
            .SetProperty(n => n.LeaseOwner, (string?)null)
            .SetProperty(n => n.LeaseExpiresUtc, (DateTime?)null), cancellationToken) == 1;
    }

    /// <summary>Schedules the next attempt, or gives up (erasing the secret) after the last one.</summary>
    public async Task MarkAttemptFailedAsync(Notification claimed, string error, int maxAttempts, TimeSpan retryDelay, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var message = error.Length <= Notification.ErrorMaxLength ? error : error[..Notification.ErrorMaxLength];
        if (claimed.Attempts >= maxAttempts)
        {
            await Owned(claimed).ExecuteUpdateAsync(set => set
                .SetProperty(n => n.Status, NotificationStatus.Failed)
                .SetProperty(n => n.FailedUtc, now)
                .SetProperty(n => n.ProtectedSecret, (string?)null)
                .SetProperty(n => n.LastError, message)
                .SetProperty(n => n.LeaseOwner, (string?)null)
                .SetProperty(n => n.LeaseExpiresUtc, (DateTime?)null), cancellationToken);
            return;
        }

        var next = now + retryDelay;
        await Owned(claimed).ExecuteUpdateAsync(set => set
            .SetProperty(n => n.Status, NotificationStatus.Queued)
            .SetProperty(n => n.NextAttemptUtc, next)
            .SetProperty(n => n.LastError, message)
            .SetProperty(n => n.LeaseOwner, (string?)null)
            .SetProperty(n => n.LeaseExpiresUtc, (DateTime?)null), cancellationToken);
    }

    /// <summary>Hands an unsent claim back (the node is stopping), without counting the attempt.</summary>
    public async Task ReleaseAsync(Notification claimed, CancellationToken cancellationToken) =>
        await Owned(claimed).ExecuteUpdateAsync(set => set
            .SetProperty(n => n.Status, NotificationStatus.Queued)
            .SetProperty(n => n.Attempts, n => n.Attempts - 1)
            .SetProperty(n => n.LeaseOwner, (string?)null)
            .SetProperty(n => n.LeaseExpiresUtc, (DateTime?)null), cancellationToken);

    /// <summary>Hands back whatever an owner still holds unsent, for a claim that failed before it was read back.</summary>
    public async Task ReleaseClaimAsync(string owner, CancellationToken cancellationToken) =>
        await db.Notifications.Where(n => n.LeaseOwner == owner && n.Status == NotificationStatus.Sending)
            .ExecuteUpdateAsync(set => set
                .SetProperty(n => n.Status, NotificationStatus.Queued)
                .SetProperty(n => n.Attempts, n => n.Attempts - 1)
                .SetProperty(n => n.LeaseOwner, (string?)null)
                .SetProperty(n => n.LeaseExpiresUtc, (DateTime?)null), cancellationToken);

    private IQueryable<Notification> Owned(Notification claimed) =>
        db.Notifications.Where(n => n.Id == claimed.Id && n.LeaseOwner == claimed.LeaseOwner && n.Status == NotificationStatus.Sending);
}
