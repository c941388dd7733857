using Commerce.Customers.Accounts;
using Commerce.Customers.Models;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Controllers;

/// <summary>
/// Security: what the signed-in person (customer or staff) can do about their own sign-ins. Sign out
/// everywhere ends every other session of the login at its next request and keeps this one.
/// </summary>
[Route("account/security")]
[Authorize]
public sealed class SecurityController(
    UserManager<ShopUser> users,
    SignInManager<ShopUser> signIn,
    LoginAccessService access,
    SignInHistory history,
    AuthenticatorService authenticator,
    PasskeyService passkeys,
    CustomerAccountSettingsStore settings,
    IStringLocalizer<SecurityController> S) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        return View(new SecurityViewModel
        {
            SignIns = await history.RecentAsync(user.Id, cancellationToken),
            HistoryDays = (await settings.GetAsync(cancellationToken)).SignInHistoryDays,
            TwoFactorEnabled = user.TwoFactorEnabled,
            RecoveryCodesLeft = await authenticator.RecoveryCodesLeftAsync(user),
            Passkeys = await passkeys.ListAsync(user),
        });
    }

    [HttpPost("sign-out-everywhere")]
    public async Task<IActionResult> SignOutEverywhere(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        // A new stamp ends every session; this one is signed in again with it.
        if (!await access.EndSessionsAsync(user, customer: null, LoginActor.Of(User), cancellationToken))
        {
            TempData.Error(S["Someone else changed this login meanwhile, so nothing was saved. Try again."]);
            return RedirectToAction(nameof(Index));
        }

        await signIn.RefreshSignInAsync(user);
        TempData.Success(S["Every other session has ended. This one stays signed in."]);
        return RedirectToAction(nameof(Index));
    }
}
