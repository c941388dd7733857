using Commerce.Customers.Accounts;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Security;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Bulk;

/// <summary>Disable logins: each customer's login is disabled with the job's reason, as Disable login on the tab does.</summary>
public sealed class DisableLoginsHandler(CustomersDbContext db, StaffBoundary boundary, LoginAccessService access, IStringLocalizer<DisableLoginsHandler> localizer) : CustomerBulkJobHandler(db, boundary, localizer)
{
    public override BulkJobKind Kind => BulkJobKind.DisableLogins;

    protected override async Task<BulkItemOutcome> ProcessAsync(BulkJob job, Customer customer, object? prepared, CancellationToken cancellationToken) =>
        OutcomeOf(customer, await access.DisableAsync(customer, job.Payload, new LoginActor(job.CreatedByUserId, job.CreatedByName), cancellationToken));
}

/// <summary>Enable logins: each disabled login may sign in again, as Enable login on the tab does.</summary>
public sealed class EnableLoginsHandler(CustomersDbContext db, StaffBoundary boundary, LoginAccessService access, IStringLocalizer<EnableLoginsHandler> localizer) : CustomerBulkJobHandler(db, boundary, localizer)
{
    public override BulkJobKind Kind => BulkJobKind.EnableLogins;

    protected override async Task<BulkItemOutcome> ProcessAsync(BulkJob job, Customer customer, object? prepared, CancellationToken cancellationToken) =>
        OutcomeOf(customer, await access.EnableAsync(customer, new LoginActor(job.CreatedByUserId, job.CreatedByName), cancellationToken));
}
