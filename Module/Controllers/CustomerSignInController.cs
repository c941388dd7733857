using Commerce.Customers.Accounts;
using Commerce.Customers.Models;
using Commerce.Customers.Services;
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
    UserManager<ShopUser> userManager,
    CustomerAccountSettingsStore settings,
    IStringLocalizer<CustomerSignInController> S) : Controller
{
    [HttpGet("login")]
    [AllowAnonymous]
    public async Task<IActionResult> Login(string? returnUrl) => View(await ModelAsync(new CustomerLoginViewModel { ReturnUrl = returnUrl }));

    [HttpPost("login")]
    [ActionName(nameof(Login))]
    [AllowAnonymous]
    [EnableRateLimiting(AccountRateLimits.PolicyName)]
    public async Task<IActionResult> LoginPost(CustomerLoginViewModel model)
    {
        var email = model.Email?.Trim();
        var user = !string.IsNullOrEmpty(email) && CustomerValidator.IsValidEmail(email) ? await userManager.FindByEmailAsync(email) : null;
        if (user is not null && !string.IsNullOrEmpty(model.Password))
        {
            var result = await signInManager.PasswordSignInAsync(user, model.Password, model.RememberMe, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                return LocalRedirect(Url.IsLocalUrl(model.ReturnUrl) ? model.ReturnUrl : "/account");
            }

            // Only with the right password, so the page tells nobody else that the account exists.
            if (result.IsNotAllowed && await userManager.CheckPasswordAsync(user, model.Password))
            {
                return View(EmailConfirmationController.CheckYourEmailView, new CheckYourEmailViewModel { Email = email, SignInRefused = true });
            }

            if (result.IsLockedOut)
            {
                ModelState.AddModelError("", S["Too many failed attempts. Try again in a few minutes."]);
                return View(await ModelAsync(model));
            }
        }

        // One message for every failure, so the page reveals no accounts.
        ModelState.AddModelError("", S["The email or password is incorrect."]);
        return View(await ModelAsync(model));
    }

    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        await signInManager.SignOutAsync();
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
