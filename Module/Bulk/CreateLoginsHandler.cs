using Commerce.Customers.Accounts;
using Commerce.Customers.Data;
using Commerce.Customers.Models;

namespace Commerce.Customers.Bulk;

/// <summary>Create logins: each customer gets a login and its email exactly as Create login on the tab does.</summary>
public sealed class CreateLoginsHandler(CustomersDbContext db, CustomerLoginService logins) : CustomerBulkJobHandler(db)
{
    public override BulkJobKind Kind => BulkJobKind.CreateLogins;

    protected override async Task<BulkItemOutcome> ProcessAsync(BulkJob job, Customer customer, CancellationToken cancellationToken)
    {
        var result = await logins.CreateLoginAsync(customer, new LoginActor(job.CreatedByUserId, job.CreatedByName), cancellationToken);
        return result.Succeeded
            ? BulkItemOutcome.Done(customer.DisplayName)
            : BulkItemOutcome.Refused(customer.DisplayName, string.Join(" ", result.Errors.Select(error => error.Message)));
    }
}
