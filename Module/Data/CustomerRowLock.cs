using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Data;

/// <summary>
/// Makes other transactions that write one customer's records (a checkout, a use of their credit)
/// wait until the current transaction ends, so what this one reads next already includes what
/// they committed.
/// </summary>
internal static class CustomerRowLock
{
    /// <returns>
    /// Whether a lock was taken now, so that rows read before it may have changed while it waited.
    /// </returns>
    public static async Task<bool> LockAsync(CustomersDbContext db, int customerId, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            // Under READ COMMITTED the next statement takes a fresh snapshot, which sees what the
            // transaction we waited for committed.
            await db.Database.ExecuteSqlInterpolatedAsync($"""SELECT 1 FROM "Customers" WHERE "Id" = {customerId} FOR UPDATE""", cancellationToken);
            return true;
        }

        // SQLite needs nothing more: Microsoft.Data.Sqlite begins a transaction of the default
        // isolation level with BEGIN IMMEDIATE, so the caller's has held the database's only write
        // lock since it began, and no other writer can commit in between.
        // SqliteCreditCheckoutTests pins that; a caller's deferred transaction would lose it.
        return false;
    }
}
