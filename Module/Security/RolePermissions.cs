using Commerce.Customers.Data;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Security;

/// <summary>The permission names that a set of roles holds, read once per request.</summary>
public sealed class RolePermissions(CustomersDbContext db)
{
    private readonly Dictionary<string, IReadOnlySet<string>> _byRoleSet = new(StringComparer.Ordinal);

    public async Task<IReadOnlySet<string>> GetPermissionNamesAsync(IReadOnlyCollection<string> roleNames)
    {
        if (roleNames.Count == 0)
        {
            return new HashSet<string>();
        }

        var key = string.Join('\n', roleNames.Order(StringComparer.Ordinal));
        if (_byRoleSet.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var normalized = roleNames.Select(name => name.ToUpperInvariant()).ToList();
        var names = await (
            from claim in db.RoleClaims
            join role in db.Roles on claim.RoleId equals role.Id
            where normalized.Contains(role.NormalizedName!) && claim.ClaimType == Permissions.ClaimType
            select claim.ClaimValue!).Distinct().ToListAsync();

        var result = names.ToHashSet(StringComparer.Ordinal);
        _byRoleSet[key] = result;
        return result;
    }
}
