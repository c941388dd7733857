using Commerce.Customers.Models;

namespace Commerce.Customers.Bulk;

/// <summary>The outcome of one item: done, or not done with a reason the admin reads.</summary>
public sealed record BulkItemOutcome(bool Succeeded, string Subject, string? Message = null)
{
    public static BulkItemOutcome Done(string subject) => new(true, subject);

    public static BulkItemOutcome Refused(string subject, string message) => new(false, subject, message);
}

/// <summary>
/// One kind of bulk job. The runner asks for the next items after the job's cursor and hands
/// them over one at a time, each inside its own transaction with the job's progress, so a job
/// resumed on another node neither repeats nor skips an item.
/// </summary>
public interface IBulkJobHandler
{
    BulkJobKind Kind { get; }

    /// <summary>The keys (customer ids, or import line numbers) after <paramref name="cursor"/>, in order.</summary>
    Task<IReadOnlyList<long>> NextItemsAsync(BulkJob job, long cursor, int take, CancellationToken cancellationToken);

    /// <summary>
    /// Costly work for one item that writes nothing (such as hashing a password), run before the
    /// item's transaction so that the transaction, and SQLite's one write lock, stay short.
    /// </summary>
    Task<object?> PrepareAsync(BulkJob job, long item, CancellationToken cancellationToken) => Task.FromResult<object?>(null);

    /// <summary>Does one item through the scope's DbContext, inside its transaction; the runner saves and commits.</summary>
    Task<BulkItemOutcome> ProcessAsync(BulkJob job, long item, object? prepared, CancellationToken cancellationToken);
}
