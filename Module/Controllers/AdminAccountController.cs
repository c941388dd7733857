using Commerce.Customers.Accounts;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Commerce.Customers.Controllers;

/// <summary>Sign-in and sign-out for the admin area.</summary>
[Route("admin")]
public sealed class AdminAccountController(
    SignInManager<ShopUser> signInManager,
    PasswordAttempts attempts,
    SiteAddressRecorder siteAddress,
    IStringLocalizer<AdminAccountController> S,
    ILogger<AdminAccountController> logger) : Controller
{
    [HttpGet("")]
    [Authorize]
    public IActionResult Index() => Redirect("/admin/customers");

    [HttpGet("login")]
    [AllowAnonymous]
    public IActionResult Login(string? returnUrl) => View(new LoginViewModel { ReturnUrl = returnUrl });

    [HttpPost("login")]
    [ActionName(nameof(Login))]
    [AllowAnonymous]
    [Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Accounts.AccountRateLimits.PolicyName)]
    public async Task<IActionResult> LoginPost(LoginViewModel model)
    {
        if (string.IsNullOrWhiteSpace(model.Email))
        {
            ModelState.AddModelError(nameof(model.Email), S["Enter your email."]);
        }

        if (string.IsNullOrEmpty(model.Password))
        {
            ModelState.AddModelError(nameof(model.Password), S["Enter your password."]);
        }

        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var attempt = await attempts.SignInAsync(model.Email, model.Password, model.RememberMe, AccountRateLimits.ClientOf(HttpContext));
        if (attempt.AwaitsSecondFactor)
        {
            return TwoFactorSignInController.Step(Url.IsLocalUrl(model.ReturnUrl) ? model.ReturnUrl : "/admin", model.RememberMe);
        }

        if (attempt is { User: { } user })
        {
            logger.LogInformation("User {UserId} signed in.", user.Id);
            await siteAddress.RememberAsync(user, Request, HttpContext.RequestAborted);
            return LocalRedirect(Url.IsLocalUrl(model.ReturnUrl) ? model.ReturnUrl : "/admin");
        }

        // The same message for every failure (unknown email, wrong password, locked), so sign-in reveals no accounts.
        ModelState.AddModelError("", S[CustomerSignInController.SignInRefused]);
        return View(model);
    }

    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        await signInManager.SignOutEverywhereAsync(User);
        return Redirect("/admin/login");
    }

    [HttpGet("access-denied")]
    [AllowAnonymous]
    public IActionResult AccessDenied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }
}
