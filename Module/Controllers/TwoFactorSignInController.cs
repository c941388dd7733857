using Commerce.Customers.Accounts;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Controllers;

/// <summary>
/// The second step of signing in, for a login with an authenticator app: after the right password,
/// Identity holds the login in its short-lived two-factor cookie and this page asks for a code from
/// the app or one of the recovery codes. Wrong codes count toward the login's lockout, like wrong
/// passwords, and every attempt is written to the owner's sign-in history.
/// </summary>
[Route("account/two-factor")]
[AllowAnonymous]
public sealed class TwoFactorSignInController(
    SignInManager<ShopUser> signIn,
    AuthenticatorService authenticator,
    SignInHistory history,
    SiteAddressRecorder siteAddress,
    IStringLocalizer<TwoFactorSignInController> S) : Controller
{
    public const string CodeRefused = "The code is not right or has expired. After several wrong codes, sign-in pauses for a few minutes.";

    /// <summary>Where a sign-in page sends a right password of a login with two-factor sign-in on.</summary>
    public static RedirectResult Step(string? returnUrl, bool rememberMe) =>
        new($"/account/two-factor?returnUrl={Uri.EscapeDataString(returnUrl ?? "")}&rememberMe={(rememberMe ? "true" : "false")}");

    [HttpGet("")]
    public async Task<IActionResult> Index(string? returnUrl, bool rememberMe) =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null
            ? SignInAgain(returnUrl)
            : View(new TwoFactorSignInViewModel { ReturnUrl = returnUrl, RememberMe = rememberMe });

    [HttpPost("")]
    [ActionName(nameof(Index))]
    [EnableRateLimiting(AccountRateLimits.PolicyName)]
    public async Task<IActionResult> IndexPost(TwoFactorSignInViewModel model)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return SignInAgain(model.ReturnUrl);
        }

        if (AuthenticatorCodes.Normalize(model.Code) is not { } code)
        {
            ModelState.AddModelError(nameof(model.Code), S["Enter the six-digit code your app shows."]);
            return Redisplay(model);
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, model.RememberMe, rememberClient: false);
        await history.RecordAsync(user, result.Succeeded, SignInMethod.Authenticator);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(nameof(model.Code), S[CodeRefused]);
            return Redisplay(model);
        }

        return await SignedInAsync(user, model.ReturnUrl);
    }

    [HttpPost("recovery")]
    [EnableRateLimiting(AccountRateLimits.PolicyName)]
    public async Task<IActionResult> Recovery(TwoFactorSignInViewModel model)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return SignInAgain(model.ReturnUrl);
        }

        // Identity's codes are upper case; people copy them with spaces or type them in lower case.
        var code = new string((model.RecoveryCode ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        if (code.Length is 0 or > 64)
        {
            ModelState.AddModelError(nameof(model.RecoveryCode), S["Enter one of your recovery codes."]);
            return Redisplay(model);
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        await history.RecordAsync(user, result.Succeeded, SignInMethod.RecoveryCode);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(nameof(model.RecoveryCode), S["That recovery code is not right or was used already. After several wrong codes, sign-in pauses for a few minutes."]);
            return Redisplay(model);
        }

        var left = await authenticator.RecordRecoveryCodeUsedAsync(user, HttpContext.RequestAborted);
        TempData.Success(S["You signed in with a recovery code; {0} remain. If you lost your phone, set up the app again on the Security page.", left]);
        return await SignedInAsync(user, model.ReturnUrl);
    }

    private async Task<IActionResult> SignedInAsync(ShopUser user, string? returnUrl)
    {
        await siteAddress.RememberAsync(user, Request, HttpContext.RequestAborted);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/account");
    }

    private ViewResult Redisplay(TwoFactorSignInViewModel model)
    {
        model.Code = null;
        model.RecoveryCode = null;
        return View(nameof(Index), model);
    }

    /// <summary>The two-factor cookie lasts minutes: once it is gone, the sign-in starts again.</summary>
    private RedirectResult SignInAgain(string? returnUrl)
    {
        TempData.Error(S["Your sign-in took too long. Sign in again."]);
        var local = Url.IsLocalUrl(returnUrl) ? returnUrl : null;
        var login = local is not null && local.StartsWith("/admin", StringComparison.OrdinalIgnoreCase) ? "/admin/login" : "/account/login";
        return Redirect(local is null ? login : $"{login}?returnUrl={Uri.EscapeDataString(local)}");
    }
}
