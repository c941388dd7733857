using Commerce.Customers.Models;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Customers.Accounts;

/// <summary>
/// Identity's sign-in manager, with one more rule: a login that staff disabled cannot sign in.
/// Every way in (password, and the methods Identity adds later such as passkeys and two-factor)
/// asks <see cref="CanSignInAsync"/> before it signs anyone in.
/// </summary>
public sealed class ShopSignInManager(
    UserManager<ShopUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ShopUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ShopUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ShopUser> confirmation)
    : SignInManager<ShopUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(ShopUser user) => !user.IsDisabled && await base.CanSignInAsync(user);
}
