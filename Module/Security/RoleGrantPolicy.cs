using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Security;

/// <summary>
/// Which roles an admin may give or take away: only roles whose every permission they hold
/// themselves (implied permissions count), and Administrator only if they are one. The Roles
/// and Membership tabs both ask here, so neither becomes a way round the other.
/// </summary>
public sealed class RoleGrantPolicy(RolePermissions rolePermissions, RoleManager<IdentityRole> roles)
{
    /// <summary>Every role of the site, by name, with whether the admin may give or take it away.</summary>
    public async Task<IReadOnlyList<(string Role, bool MayGrant)>> RolesAsync(ClaimsPrincipal? actor)
    {
        var names = await roles.Roles.OrderBy(role => role.Name).Select(role => role.Name!).ToListAsync();
        var result = new List<(string, bool)>(names.Count);
        foreach (var name in names)
        {
            result.Add((name, await MayGrantAsync(actor, name)));
        }

        return result;
    }

    public async Task<bool> MayGrantAsync(ClaimsPrincipal? actor, string role)
    {
        if (actor is null)
        {
            return false;
        }

        var actorRoles = actor.FindAll(ClaimTypes.Role).Select(claim => claim.Value).ToList();
        if (actorRoles.Contains(Permissions.AdministratorRole, StringComparer.Ordinal))
        {
            return true;
        }

        if (string.Equals(role, Permissions.AdministratorRole, StringComparison.Ordinal))
        {
            return false;
        }

        var held = await rolePermissions.GetPermissionNamesAsync(actorRoles);
        var required = await rolePermissions.GetPermissionNamesAsync([role]);
        return required.All(name => Permissions.Find(name) is { } permission && permission.NamesThatGrant().Any(held.Contains));
    }
}
