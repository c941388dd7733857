using System.Security.Claims;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Commerce.Customers.Security;

/// <summary>
/// Checks a signed-in cookie against the database on every request: a renewed security stamp
/// (sign-out, a changed password) ends the session, and changed roles, name or forced password
/// change are taken into the principal at once. Identity's own validator does the same by
/// rebuilding the whole principal and reissuing the cookie each time; this reads the few columns
/// it compares (two small queries) and rebuilds only when something changed. With a
/// <c>SessionRevalidationInterval</c> above zero, Identity's validator runs instead.
/// </summary>
internal static class SessionValidator
{
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        if (services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval > TimeSpan.Zero)
        {
            await SecurityStampValidator.ValidatePrincipalAsync(context);
            return;
        }

        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var principal = context.Principal;
        var userId = principal?.FindFirstValue(claims.UserIdClaimType);
        var db = services.GetRequiredService<CustomersDbContext>();
        var current = userId is null ? null : await db.Users.AsNoTracking().Where(user => user.Id == userId)
            .Select(user => new { user.SecurityStamp, user.UserName, user.Email, user.MustChangePassword, user.DisabledUtc })
            .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        if (current is null || principal is null || current.DisabledUtc is not null || current.SecurityStamp != principal.FindFirstValue(claims.SecurityStampClaimType))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        var roles = await (from userRole in db.UserRoles
                           where userRole.UserId == userId
                           join role in db.Roles on userRole.RoleId equals role.Id
                           select role.Name).ToListAsync(context.HttpContext.RequestAborted);
        var unchanged = current.UserName == principal.FindFirstValue(claims.UserNameClaimType)
            && current.Email == principal.FindFirstValue(claims.EmailClaimType)
            && current.MustChangePassword == principal.HasClaim(claim => claim.Type == ShopUserClaimsPrincipalFactory.MustChangePasswordClaim)
            && roles.Order(StringComparer.Ordinal).SequenceEqual(principal.FindAll(claims.RoleClaimType).Select(claim => claim.Value).Order(StringComparer.Ordinal));
        if (unchanged)
        {
            return;
        }

        var signIn = services.GetRequiredService<SignInManager<ShopUser>>();
        if (await signIn.UserManager.FindByIdAsync(userId!) is not { } user)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        context.ReplacePrincipal(await signIn.CreateUserPrincipalAsync(user));
        context.ShouldRenew = true;
    }
}
