using System.Security.Claims;
using Commerce.Customers.Models;
using Microsoft.AspNetCore.Identity;

namespace Commerce.Customers.Accounts;

/// <summary>Signing out that ends the session on the server, not only in this browser.</summary>
public static class SignOutExtensions
{
    /// <summary>
    /// Renews the user's security stamp, then drops the cookie. The cookie handler checks the stamp
    /// on every request (SecurityStampValidatorOptions in Startup), so a copy of the cookie taken
    /// before, say from a shared computer, opens nothing afterwards. The stamp is the user's, so
    /// their sessions in other browsers end too.
    /// </summary>
    public static async Task SignOutEverywhereAsync(this SignInManager<ShopUser> signIn, ClaimsPrincipal principal)
    {
        if (await signIn.UserManager.GetUserAsync(principal) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
    }
}
