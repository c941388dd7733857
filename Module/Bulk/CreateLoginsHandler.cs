using Commerce.Customers.Accounts;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Bulk;

/// <summary>Create logins: each customer gets a login and its email exactly as Create login on the tab does.</summary>
public sealed class CreateLoginsHandler(CustomersDbContext db, StaffBoundary boundary, CustomerLoginService logins, IStringLocalizer<CreateLoginsHandler> localizer) : CustomerBulkJobHandler(db, boundary, localizer)
{
    public override BulkJobKind Kind => BulkJobKind.CreateLogins;

    // The password is generated and hashed before the transaction: that is nearly all the cost.
    public override async Task<object?> PrepareAsync(BulkJob job, long item, CancellationToken cancellationToken) =>
        await Db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == item, cancellationToken) is { UserId: null } customer
            ? await logins.PrepareLoginAsync(customer, cancellationToken)
            : null;

    protected override async Task<BulkItemOutcome> ProcessAsync(BulkJob job, Customer customer, object? prepared, CancellationToken cancellationToken)
    {
        var result = await logins.CreateLoginAsync(customer, new LoginActor(job.CreatedByUserId, job.CreatedByName), prepared as PreparedLogin, cancellationToken);
        return OutcomeOf(customer, result);
    }
}
