using Commerce.Customers.Accounts;
using Commerce.Customers.Models;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Controllers;

/// <summary>Self-registration, when the site enables it; otherwise the page does not exist.</summary>
[Route("account/register")]
[AllowAnonymous]
public sealed class RegistrationController(
    CustomerRegistrationService registration,
    CustomerAccountSettingsStore settings,
    SignInManager<ShopUser> signIn,
    IStringLocalizer<RegistrationController> S) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? returnUrl)
    {
        var accountSettings = await settings.GetAsync();
        return accountSettings.EnableRegistration
            ? View(new RegisterViewModel { ReturnUrl = returnUrl, MinimumStrength = accountSettings.MinimumPasswordStrength })
            : NotFound();
    }

    [HttpPost("")]
    [ActionName(nameof(Index))]
    [EnableRateLimiting(AccountRateLimits.PolicyName)]
    public async Task<IActionResult> IndexPost(RegisterViewModel model, CancellationToken cancellationToken)
    {
        var accountSettings = await settings.GetAsync(cancellationToken);
        if (!accountSettings.EnableRegistration)
        {
            return NotFound();
        }

        var result = await registration.RegisterAsync(
            new RegistrationRequest(model.Email, model.FirstName, model.LastName, model.Company, model.Password, model.ConfirmPassword), cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddFieldErrors(result.Errors);

            model.Password = model.ConfirmPassword = null;
            model.MinimumStrength = accountSettings.MinimumPasswordStrength;
            return View(model);
        }

        if (result.SignInUser is null)
        {
            // A new account waiting for its link, or an address that already has one: the same page.
            return View(EmailConfirmationController.CheckYourEmailView, new CheckYourEmailViewModel { Email = model.Email?.Trim() });
        }

        await signIn.SignInAsync(result.SignInUser, isPersistent: false);
        TempData.Success(S["Welcome! Your account was created."]);
        return LocalRedirect(Url.IsLocalUrl(model.ReturnUrl) ? model.ReturnUrl : "/account");
    }
}
