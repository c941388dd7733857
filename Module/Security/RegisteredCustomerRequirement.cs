using System.Security.Claims;
using Commerce.Customers.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Security;

/// <summary>
/// The <c>RegisteredCustomer</c> policy: a signed-in user whose login belongs to a customer.
/// Members-only pages and products use it.
/// </summary>
public sealed class RegisteredCustomerRequirement : IAuthorizationRequirement
{
    public const string PolicyName = "RegisteredCustomer";
}

internal sealed class RegisteredCustomerHandler(CustomersDbContext db) : AuthorizationHandler<RegisteredCustomerRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, RegisteredCustomerRequirement requirement)
    {
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is not null && await db.Customers.AnyAsync(customer => customer.UserId == userId))
        {
            context.Succeed(requirement);
        }
    }
}
