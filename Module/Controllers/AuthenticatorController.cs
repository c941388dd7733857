using Commerce.Customers.Accounts;
using Commerce.Customers.Models;
using Commerce.Customers.Services;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Commerce.Customers.Controllers;

/// <summary>
/// The signed-in person's authenticator app, from their Security page: set it up (scan the key,
/// confirm with a first code), make new recovery codes, or turn it off. Recovery codes are shown
/// once, in the answer to the request that made them, and never stored where they can be read back.
/// </summary>
[Route("account/security")]
[Authorize]
public sealed class AuthenticatorController(
    UserManager<ShopUser> users,
    SignInManager<ShopUser> signIn,
    AuthenticatorService authenticator,
    SiteSettingsStore site) : Controller
{
    [HttpGet("authenticator")]
    public async Task<IActionResult> Setup()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled)
        {
            return RedirectToAction(nameof(SecurityController.Index), "Security");
        }

        return View(await SetupModelAsync(user));
    }

    [HttpPost("authenticator")]
    [ActionName(nameof(Setup))]
    [EnableRateLimiting(AccountRateLimits.PolicyName)]
    public async Task<IActionResult> SetupPost(AuthenticatorSetupViewModel model)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        // No key yet: the set-up page (a GET) makes one; a refused post writes nothing.
        if (await users.GetAuthenticatorKeyAsync(user) is not { Length: > 0 })
        {
            return RedirectToAction(nameof(Setup));
        }

        var (codes, result) = await authenticator.EnableAsync(user, model.Code, LoginActor.Of(User), HttpContext.RequestAborted);
        if (codes is null)
        {
            ModelState.AddFieldErrors(result.Errors);
            return View(await SetupModelAsync(user));
        }

        await signIn.RefreshSignInAsync(user);
        TempData.Success(result.Message!);
        return View("RecoveryCodes", new RecoveryCodesViewModel { Codes = codes });
    }

    [HttpPost("recovery-codes")]
    [EnableRateLimiting(AccountRateLimits.PolicyName)]
    public async Task<IActionResult> RecoveryCodes(ProofViewModel model)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var (codes, result) = await authenticator.RegenerateCodesAsync(user, model.Proof, LoginActor.Of(User), HttpContext.RequestAborted);
        if (codes is null)
        {
            return BackToSecurity(result);
        }

        await signIn.RefreshSignInAsync(user);
        TempData.Success(result.Message!);
        return View("RecoveryCodes", new RecoveryCodesViewModel { Codes = codes });
    }

    [HttpPost("authenticator/disable")]
    [EnableRateLimiting(AccountRateLimits.PolicyName)]
    public async Task<IActionResult> Disable(ProofViewModel model)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var result = await authenticator.DisableAsync(user, model.Proof, LoginActor.Of(User), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            await signIn.RefreshSignInAsync(user);
        }

        return BackToSecurity(result);
    }

    private RedirectToActionResult BackToSecurity(LoginActionResult result)
    {
        TempData.Show(result);
        return RedirectToAction(nameof(SecurityController.Index), "Security");
    }

    private async Task<AuthenticatorSetupViewModel> SetupModelAsync(ShopUser user)
    {
        var hadKey = await users.GetAuthenticatorKeyAsync(user) is { Length: > 0 };
        var key = await authenticator.PendingKeyAsync(user);
        if (!hadKey)
        {
            // A new key renews the security stamp; this session carries on with the new one.
            await signIn.RefreshSignInAsync(user);
        }

        var issuer = (await site.GetAsync(HttpContext.RequestAborted))?.SiteName is { Length: > 0 } name ? name : Request.Host.Host;
        return new AuthenticatorSetupViewModel
        {
            SharedKey = AuthenticatorQrCode.Readable(key),
            QrCodeImage = AuthenticatorQrCode.PngDataUrl(AuthenticatorQrCode.Uri(issuer, user.Email ?? user.UserName ?? "", key)),
        };
    }
}
