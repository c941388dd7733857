using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Notifications;

public sealed record NotificationPage(IReadOnlyList<Notification> Items, DateTime? OlderThan);

/// <summary>What the admin sees of the outbox, and resending a message.</summary>
public sealed class NotificationHistory(CustomersDbContext db, NotificationSignal signal, TimeProvider clock, IStringLocalizer<NotificationHistory> S)
{
    public const int PageSize = 50;

    public async Task<IReadOnlyList<Notification>> ForCustomerAsync(int customerId, CancellationToken cancellationToken = default) =>
        await db.Notifications.AsNoTracking()
            .Where(n => n.CustomerId == customerId)
            .OrderByDescending(n => n.CreatedUtc).ThenByDescending(n => n.Id)
            .Take(200)
            .ToListAsync(cancellationToken);

    /// <summary>The newest messages first, optionally of one status, older than a given time for the next page.</summary>
    public async Task<NotificationPage> ListAsync(NotificationStatus? status, DateTime? olderThan, CancellationToken cancellationToken = default)
    {
        var query = db.Notifications.AsNoTracking();
        if (status is { } wanted)
        {
            query = query.Where(n => n.Status == wanted);
        }

        if (olderThan is { } before)
        {
            query = query.Where(n => n.CreatedUtc < before);
        }

        var items = await query.OrderByDescending(n => n.CreatedUtc).ThenByDescending(n => n.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        var hasMore = items.Count > PageSize;
        if (hasMore)
        {
            items.RemoveAt(PageSize);
        }

        return new NotificationPage(items, hasMore ? items[^1].CreatedUtc : null);
    }

    public Task<bool> AnyForAsync(int customerId) => db.Notifications.AnyAsync(notification => notification.CustomerId == customerId);

    /// <summary>Why the message cannot be resent, or null if it can.</summary>
    public string? WhyNotResendable(Notification notification) => notification switch
    {
        { Status: NotificationStatus.Queued or NotificationStatus.Sending } => S["It is still waiting to be sent."].Value,
        { HadSecret: true, ProtectedSecret: null, Status: NotificationStatus.Sent } =>
            S["The password or link it carried was erased when it was delivered, so it cannot be sent again. Generate a new password instead."].Value,
        { HadSecret: true, ProtectedSecret: null } =>
            S["The password or link it carried was erased when delivery was given up, so it cannot be sent again. Generate a new password instead."].Value,
        _ => null,
    };

    /// <summary>Queues a copy with a new Message-Id. Returns the copy, or the reason it cannot be resent.</summary>
    public async Task<(Notification? Copy, string? Refusal)> ResendAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var original = await db.Notifications.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (original is null)
        {
            return (null, S["The message no longer exists."]);
        }

        if (WhyNotResendable(original) is { } reason)
        {
            return (null, reason);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var copy = new Notification
        {
            MessageId = MessageIds.LikeOf(original.MessageId),
            CustomerId = original.CustomerId,
            Template = original.Template,
            RecipientEmail = original.RecipientEmail,
            RecipientName = original.RecipientName,
            Subject = original.Subject,
            ModelJson = original.ModelJson,
            ProtectedSecret = original.ProtectedSecret,
            HadSecret = original.HadSecret,
            CreatedUtc = now,
            NextAttemptUtc = now,
            ResentFromId = original.Id,
        };
        db.Notifications.Add(copy);
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return (copy, null);
    }
}
