using System.Data.Common;
using Commerce.Customers.Services;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Commerce.Customers.Data;

/// <summary>Tells the settings cache when a transaction that wrote the settings row commits, so no request caches the old row after it.</summary>
internal sealed class SiteSettingsCommitInterceptor : DbTransactionInterceptor
{
    public static SiteSettingsCommitInterceptor Instance { get; } = new();

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData);
        return Task.CompletedTask;
    }

    private static void Committed(TransactionEndEventData eventData)
    {
        if (eventData.Context is CustomersDbContext { HasUncommittedSettingsChange: true } context)
        {
            context.HasUncommittedSettingsChange = false;
            SiteSettingsCache.Invalidate();
        }
    }

    private static void Forget(TransactionEndEventData eventData)
    {
        if (eventData.Context is CustomersDbContext context)
        {
            context.HasUncommittedSettingsChange = false;
        }
    }
}
