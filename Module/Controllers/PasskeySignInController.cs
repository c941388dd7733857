using Commerce.Customers.Accounts;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Controllers;

/// <summary>
/// Signing in with a passkey, from either sign-in page. The options never name a login (the
/// browser offers whichever of this site's passkeys it holds), so they say nothing about which
/// emails have passkeys; an email typed beside them must be the passkey's own login.
/// </summary>
[Route("account/passkey")]
[AllowAnonymous]
public sealed class PasskeySignInController(
    PasskeyService passkeys,
    SignInHistory history,
    SiteAddressRecorder siteAddress,
    IStringLocalizer<PasskeySignInController> S) : Controller
{
    [HttpPost("options")]
    [EnableRateLimiting(AccountRateLimits.PolicyName)]
    public async Task<IActionResult> Options() => Content(await passkeys.RequestOptionsAsync(null), "application/json");

    [HttpPost("")]
    [EnableRateLimiting(AccountRateLimits.PolicyName)]
    public async Task<IActionResult> SignIn(PasskeySignInViewModel model)
    {
        var (user, signedIn) = await passkeys.SignInAsync(model.CredentialJson, model.TypedEmail, remember: false);
        if (user is not null)
        {
            await history.RecordAsync(user, signedIn, SignInMethod.Passkey);
        }

        var local = Url.IsLocalUrl(model.ReturnTo) ? model.ReturnTo : null;
        var fromAdmin = local is not null && local.StartsWith("/admin", StringComparison.OrdinalIgnoreCase);
        if (!signedIn)
        {
            // One answer for every refusal, as with passwords.
            TempData.Error(S["That passkey did not sign you in. Try again, or sign in with your email and password."]);
            var login = fromAdmin ? "/admin/login" : "/account/login";
            return Redirect(local is null ? login : $"{login}?returnUrl={Uri.EscapeDataString(local)}");
        }

        await siteAddress.RememberAsync(user!, Request, HttpContext.RequestAborted);
        return LocalRedirect(local ?? "/account");
    }
}
