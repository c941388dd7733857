using Commerce.Customers.Accounts;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Security;
using Microsoft.EntityFrameworkCore;
using static Commerce.Customers.Localization.DeferredText;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Bulk;

/// <summary>
/// A bulk job over a selection of customers: walks them by id and hands each one over, or reports
/// it gone. Each item asks the staff boundary as it runs, for the admin who started the job with
/// the roles they hold now, so a job can do nothing its starter could not do on the customer's page.
/// </summary>
public abstract class CustomerBulkJobHandler(CustomersDbContext db, StaffBoundary boundary, IStringLocalizer localizer) : IBulkJobHandler
{
    /// <summary>The module's localizer, for the problems a job reports (in its starter's language, see BulkJobRunner).</summary>
    protected IStringLocalizer S => localizer;

    public abstract BulkJobKind Kind { get; }

    protected CustomersDbContext Db => db;

    public async Task<IReadOnlyList<long>> NextItemsAsync(BulkJob job, long cursor, int take, CancellationToken cancellationToken) =>
        (await BulkSelection.FromJson(job.SelectionJson).NextIdsAsync(db, cursor, take, cancellationToken)).ConvertAll(id => (long)id);

    /// <summary>Nothing to prepare unless a handler says so; Create logins hashes its password here.</summary>
    public virtual Task<object?> PrepareAsync(BulkJob job, long item, CancellationToken cancellationToken) => Task.FromResult<object?>(null);

    public async Task<BulkItemOutcome> ProcessAsync(BulkJob job, long item, object? prepared, CancellationToken cancellationToken)
    {
        if (await db.Customers.SingleOrDefaultAsync(c => c.Id == item, cancellationToken) is not { } customer)
        {
            return BulkItemOutcome.Refused($"#{item}", S["The customer no longer exists."]);
        }

        if (await boundary.WhyRefusedAsync(job.CreatedByUserId, customer) is { } refusal)
        {
            // Saved with the job's progress, in the item's own transaction.
            boundary.AddRefusalAudit(customer, new LoginActor(job.CreatedByUserId, job.CreatedByName), L["Bulk job {0}", job.Id], refusal);
            return BulkItemOutcome.Refused(customer.DisplayName, refusal);
        }

        return await ProcessAsync(job, customer, prepared, cancellationToken);
    }

    protected abstract Task<BulkItemOutcome> ProcessAsync(BulkJob job, Customer customer, object? prepared, CancellationToken cancellationToken);

    /// <summary>A login action's result as the job reports it: done, or a problem in the action's own words.</summary>
    protected static BulkItemOutcome OutcomeOf(Customer customer, LoginActionResult result) => result.Succeeded
        ? BulkItemOutcome.Done(customer.DisplayName)
        : BulkItemOutcome.Refused(customer.DisplayName, string.Join(" ", result.Errors.Select(error => error.Message)));
}
