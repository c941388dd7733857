using System.Security.Claims;
using Commerce.Customers.Accounts;
using Commerce.Customers.Localization;
using Commerce.Customers.Models;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Commerce.Customers.Security;

/// <summary>
/// Adds claims a request needs without a query: that the user must change their password or set up
/// a second factor first, and their language and time zone. A sign-in, and every change of the
/// login's own sign-in methods (which refreshes the sign-in), works them out again.
/// </summary>
public sealed class ShopUserClaimsPrincipalFactory(
    UserManager<ShopUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options,
    RolePermissions permissions,
    CustomerAccountSettingsStore settings)
    : UserClaimsPrincipalFactory<ShopUser, IdentityRole>(users, roles, options)
{
    public const string MustChangePasswordClaim = "must_change_password";
    public const string NeedsSecondFactorClaim = "needs_second_factor";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ShopUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        }

        if (await NeedsSecondFactorAsync(user))
        {
            identity.AddClaim(new Claim(NeedsSecondFactorClaim, "true"));
        }

        if (user.Culture is not null)
        {
            identity.AddClaim(new Claim(RegionalClaims.Culture, user.Culture));
        }

        if (user.TimeZoneId is not null)
        {
            identity.AddClaim(new Claim(RegionalClaims.TimeZone, user.TimeZoneId));
        }

        return identity;
    }

    /// <summary>Staff (the administrator, or any role with a permission) without an authenticator or a passkey, where the site requires one.</summary>
    private async Task<bool> NeedsSecondFactorAsync(ShopUser user)
    {
        if (user.TwoFactorEnabled || !(await settings.GetAsync()).RequireStaffSecondFactor)
        {
            return false;
        }

        var roleNames = await UserManager.GetRolesAsync(user);
        var isStaff = roleNames.Contains(Permissions.AdministratorRole, StringComparer.OrdinalIgnoreCase)
            || (await permissions.GetPermissionNamesAsync(roleNames.ToList())).Count > 0;
        return isStaff && (await UserManager.GetPasskeysAsync(user)).Count == 0;
    }
}
