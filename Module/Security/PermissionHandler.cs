using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Commerce.Customers.Security;

/// <summary>
/// Grants a permission to Administrators, and to users one of whose roles holds the
/// permission (or one that implies it) as a claim. Role permissions are read from the
/// database rather than the cookie, so revoking one takes effect on the next request.
/// </summary>
internal sealed class PermissionHandler(RolePermissions rolePermissions) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        var roles = context.User.FindAll(ClaimTypes.Role).Select(claim => claim.Value).ToList();
        if (roles.Contains(Permissions.AdministratorRole, StringComparer.Ordinal))
        {
            context.Succeed(requirement);
            return;
        }

        var granted = await rolePermissions.GetPermissionNamesAsync(roles);
        if (requirement.Permission.NamesThatGrant().Any(granted.Contains))
        {
            context.Succeed(requirement);
        }
    }
}
