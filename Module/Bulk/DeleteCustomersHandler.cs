using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Bulk;

/// <summary>Delete: each customer, and their login if the admin asked, never the admin's own login.</summary>
public sealed class DeleteCustomersHandler(CustomersDbContext db, StaffBoundary boundary, UserManager<ShopUser> users, IStringLocalizer<DeleteCustomersHandler> localizer) : CustomerBulkJobHandler(db, boundary, localizer)
{
    public override BulkJobKind Kind => BulkJobKind.Delete;

    protected override async Task<BulkItemOutcome> ProcessAsync(BulkJob job, Customer customer, object? prepared, CancellationToken cancellationToken)
    {
        if (job.DeleteLogins && customer.UserId is not null && customer.UserId == job.CreatedByUserId)
        {
            return BulkItemOutcome.Refused(customer.DisplayName, S["This is your own login, so the customer was kept. Delete it on its own page, keeping the login."]);
        }

        Db.Customers.Remove(customer);
        await Db.SaveChangesAsync(cancellationToken);
        if (job.DeleteLogins && customer.UserId is not null && await users.FindByIdAsync(customer.UserId) is { } user)
        {
            var deleted = await users.DeleteAsync(user);
            if (!deleted.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", deleted.Errors.Select(error => error.Description)));
            }
        }

        return BulkItemOutcome.Done(customer.DisplayName);
    }
}
