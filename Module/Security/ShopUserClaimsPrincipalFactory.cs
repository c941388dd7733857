using System.Security.Claims;
using Commerce.Customers.Models;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Commerce.Customers.Security;

/// <summary>Adds a claim when the user must change their password, so a middleware can insist without a query per request.</summary>
public sealed class ShopUserClaimsPrincipalFactory(UserManager<ShopUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ShopUser, IdentityRole>(users, roles, options)
{
    public const string MustChangePasswordClaim = "must_change_password";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ShopUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        }

        return identity;
    }
}
