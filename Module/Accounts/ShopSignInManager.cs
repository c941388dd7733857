using Commerce.Customers.Models;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Customers.Accounts;

/// <summary>
/// Identity's sign-in manager, with one more rule: a login that staff disabled cannot sign in.
/// Every way in (password, authenticator and recovery codes, passkeys) asks
/// <see cref="CanSignInAsync"/> before it signs anyone in.
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

    /// <summary>
    /// Identity's recovery-code step asks neither <see cref="CanSignInAsync"/> nor the lockout (its
    /// authenticator step does both): a login disabled after its password was typed could still be
    /// opened with a code. Here it asks both, and a wrong code counts toward the lockout as a wrong
    /// authenticator code does.
    /// </summary>
    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        if (await GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return SignInResult.Failed;
        }

        if (!await CanSignInAsync(user))
        {
            return SignInResult.NotAllowed;
        }

        if (await UserManager.IsLockedOutAsync(user))
        {
            return SignInResult.LockedOut;
        }

        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        if (!result.Succeeded)
        {
            await UserManager.AccessFailedAsync(user);
        }

        return result;
    }
}
