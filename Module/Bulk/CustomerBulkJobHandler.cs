using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Bulk;

/// <summary>A bulk job over a selection of customers: walks them by id and hands each one over, or reports it gone.</summary>
public abstract class CustomerBulkJobHandler(CustomersDbContext db) : IBulkJobHandler
{
    public abstract BulkJobKind Kind { get; }

    protected CustomersDbContext Db => db;

    public async Task<IReadOnlyList<long>> NextItemsAsync(BulkJob job, long cursor, int take, CancellationToken cancellationToken) =>
        (await BulkSelection.FromJson(job.SelectionJson).NextIdsAsync(db, cursor, take, cancellationToken)).ConvertAll(id => (long)id);

    /// <summary>Nothing to prepare unless a handler says so; Create logins hashes its password here.</summary>
    public virtual Task<object?> PrepareAsync(BulkJob job, long item, CancellationToken cancellationToken) => Task.FromResult<object?>(null);

    public async Task<BulkItemOutcome> ProcessAsync(BulkJob job, long item, object? prepared, CancellationToken cancellationToken) =>
        await db.Customers.SingleOrDefaultAsync(c => c.Id == item, cancellationToken) is { } customer
            ? await ProcessAsync(job, customer, prepared, cancellationToken)
            : BulkItemOutcome.Refused($"#{item}", "The customer no longer exists.");

    protected abstract Task<BulkItemOutcome> ProcessAsync(BulkJob job, Customer customer, object? prepared, CancellationToken cancellationToken);
}
