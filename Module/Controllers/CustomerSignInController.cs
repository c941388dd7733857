using Commerce.Customers.Accounts;
using Commerce.Customers.Models;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Controllers;

/// <summary>Sign-in and sign-out for customers on the site.</summary>
[Route("account")]
public sealed class CustomerSignInController(
    SignInManager<ShopUser> signInManager,
    PasswordAttempts attempts,
    CustomerAccountSettingsStore settings,
    IStringLocalizer<CustomerSignInController> S) : Controller
{
    /// <summary>The one answer to a refused sign-in; it also tells a locked-out owner what to do.</summary>
    public const string SignInRefused = "The email or password is incorrect. After several wrong passwords, sign-in pauses for a few minutes.";

    [HttpGet("login")]
    [AllowAnonymous]
    public async Task<IActionResult> Login(string? returnUrl) => View(await ModelAsync(new CustomerLoginViewModel { ReturnUrl = returnUrl }));

    [HttpPost("login")]
    [ActionName(nameof(Login))]
    [AllowAnonymous]
    [EnableRateLimiting(AccountRateLimits.PolicyName)]
    public async Task<IActionResult> LoginPost(CustomerLoginViewModel model)
    {
        var attempt = await attempts.SignInAsync(model.Email, model.Password, model.RememberMe, AccountRateLimits.ClientOf(HttpContext));
        if (attempt.User is not null)
        {
            return LocalRedirect(Url.IsLocalUrl(model.ReturnUrl) ? model.ReturnUrl : "/account");
        }

        if (attempt.AwaitsSecondFactor)
        {
            return TwoFactorSignInController.Step(model.ReturnUrl, model.RememberMe);
        }

        if (attempt.AwaitsEmailConfirmation)
        {
            return View(EmailConfirmationController.CheckYourEmailView, new CheckYourEmailViewModel { Email = model.Email!.Trim(), SignInRefused = true });
        }

        // One message for every failure (unknown email, wrong password, locked), so the page reveals no accounts.
        ModelState.AddModelError("", S[SignInRefused]);
        return View(await ModelAsync(model));
    }

    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        await signInManager.SignOutEverywhereAsync(User);
        return Redirect("/");
    }

    private async Task<CustomerLoginViewModel> ModelAsync(CustomerLoginViewModel model)
    {
        var accountSettings = await settings.GetAsync();
        model.Password = null;
        model.RegistrationEnabled = accountSettings.EnableRegistration;
        model.PasswordResetAllowed = accountSettings.AllowPasswordReset;
        return model;
    }
}
