using System.Security.Claims;
using Commerce.Customers.Localization;
using Commerce.Customers.Models;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Commerce.Customers.Security;

/// <summary>Adds claims a request needs without a query: that the user must change their password, and their language and time zone.</summary>
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
}
