using Microsoft.AspNetCore.Authorization;

namespace Commerce.Customers.Security;

public sealed class PermissionRequirement(Permission permission) : IAuthorizationRequirement
{
    public Permission Permission { get; } = permission;
}
