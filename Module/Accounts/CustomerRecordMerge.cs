using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Orders;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Accounts;

/// <summary>
/// Joins a self-registered login's own customer record into the older, unregistered record with the
/// same email, once the login has proven that mailbox. The older record survives (its id is what
/// staff, audits and the shop already know); the new one's addresses, credit, memberships, history
/// and orders move to it, and the new one is deleted. Runs in the caller's transaction.
/// </summary>
public sealed class CustomerRecordMerge(CustomersDbContext db, ICustomerOrders orders)
{
    /// <returns>The id of the record merged away, or null when there was nothing to join.</returns>
    public async Task<int?> MergeIntoOlderAsync(ShopUser user, CancellationToken cancellationToken = default)
    {
        var own = await db.Customers.SingleOrDefaultAsync(c => c.UserId == user.Id, cancellationToken);
        if (own is null || own.NormalizedEmail.Length == 0)
        {
            return null;
        }

        var older = await OlderRecordAsync(own, cancellationToken);
        if (older is null)
        {
            return null;
        }

        if (await CustomerRowLock.LockAsync(db, older.Id, cancellationToken))
        {
            // A checkout or staff edit of the older record may have committed while we waited.
            await db.Entry(older).ReloadAsync(cancellationToken);
            if (older.UserId is not null)
            {
                return null;
            }
        }

        // Two saves, because one login may belong to one customer only (a unique index).
        own.UserId = null;
        await db.SaveChangesAsync(cancellationToken);
        older.UserId = user.Id;
        FillBlanks(older, own);
        await db.SaveChangesAsync(cancellationToken);

        await MoveAddressesAsync(own.Id, older.Id, cancellationToken);
        await db.CreditEntries.Where(e => e.CustomerId == own.Id).ExecuteUpdateAsync(e => e.SetProperty(x => x.CustomerId, older.Id), cancellationToken);
        await db.CustomerMemberships.Where(m => m.CustomerId == own.Id).ExecuteUpdateAsync(m => m.SetProperty(x => x.CustomerId, older.Id), cancellationToken);
        await db.Notifications.Where(n => n.CustomerId == own.Id).ExecuteUpdateAsync(n => n.SetProperty(x => x.CustomerId, older.Id), cancellationToken);
        await db.LoginAudits.Where(a => a.CustomerId == own.Id).ExecuteUpdateAsync(a => a.SetProperty(x => x.CustomerId, older.Id), cancellationToken);
        await orders.MoveAsync(own.Id, older.Id, cancellationToken);

        db.Customers.Remove(own);
        await db.SaveChangesAsync(cancellationToken);
        return own.Id;
    }

    private Task<Customer?> OlderRecordAsync(Customer own, CancellationToken cancellationToken) =>
        db.Customers
            .Where(c => c.NormalizedEmail == own.NormalizedEmail && c.UserId == null && c.Id != own.Id)
            .OrderBy(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);

    // The older record's defaults stay the defaults; the new record's addresses join as further ones.
    private async Task MoveAddressesAsync(int fromId, int toId, CancellationToken cancellationToken)
    {
        var hasShipping = await db.CustomerAddresses.AnyAsync(a => a.CustomerId == toId && a.IsDefaultShipping, cancellationToken);
        var hasBilling = await db.CustomerAddresses.AnyAsync(a => a.CustomerId == toId && a.IsDefaultBilling, cancellationToken);
        await db.CustomerAddresses.Where(a => a.CustomerId == fromId).ExecuteUpdateAsync(a => a
            .SetProperty(x => x.CustomerId, toId)
            .SetProperty(x => x.IsDefaultShipping, x => x.IsDefaultShipping && !hasShipping)
            .SetProperty(x => x.IsDefaultBilling, x => x.IsDefaultBilling && !hasBilling), cancellationToken);
    }

    // What the shop knew wins; what the owner typed fills only what it did not know.
    private static void FillBlanks(Customer older, Customer own)
    {
        older.FirstName ??= own.FirstName;
        older.LastName ??= own.LastName;
        older.Company ??= own.Company;
        older.Phone ??= own.Phone;
    }
}
