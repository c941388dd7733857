using System.Collections.Concurrent;
using Commerce.Customers.Models;

namespace Commerce.Customers.Notifications;

/// <summary>
/// Outcomes this node knows but could not write because the database was unreachable: a message
/// sent but not yet marked Sent, or an unsent claim to hand back. The dispatcher writes them
/// before its next claim. Without this, a claim cut off by a database outage would wait out its
/// whole lease after the database returned, and a sent message would go out a second time when
/// that lease expired. A claim that was written but never read back is known only by its owner. Only a node that dies holding such outcomes leaves its messages to the lease.
/// </summary>
internal sealed class UnrecordedOutcomes
{
    private readonly ConcurrentQueue<(Notification Claim, bool Sent)> _pending = new();
    private readonly ConcurrentQueue<string> _unreadClaims = new();

    public bool IsEmpty => _pending.IsEmpty && _unreadClaims.IsEmpty;

    public void Add(Notification claim, bool sent) => _pending.Enqueue((claim, sent));

    public void AddUnreadClaim(string owner) => _unreadClaims.Enqueue(owner);

    /// <summary>Writes them oldest first; stops at the first failure and keeps the rest for next time.</summary>
    /// <returns>How many messages were sent by a lost claim (another node took them over meanwhile).</returns>
    public async Task<int> WriteAsync(NotificationQueue queue, CancellationToken cancellationToken)
    {
        while (_unreadClaims.TryPeek(out var owner))
        {
            await queue.ReleaseClaimAsync(owner, cancellationToken);
            _unreadClaims.TryDequeue(out _);
        }

        var lostClaims = 0;
        while (_pending.TryPeek(out var outcome))
        {
            if (outcome.Sent)
            {
                lostClaims += await queue.MarkSentAsync(outcome.Claim, cancellationToken) ? 0 : 1;
            }
            else
            {
                await queue.ReleaseAsync(outcome.Claim, cancellationToken);
            }

            _pending.TryDequeue(out _);
        }

        return lostClaims;
    }
}
