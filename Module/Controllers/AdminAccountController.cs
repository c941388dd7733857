using Commerce.Customers.Accounts;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Commerce.Customers.Services;
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
    UserManager<ShopUser> userManager,
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

        // User names are emails; anything else cannot match, so it is not looked up.
        var email = model.Email!.Trim();
        var user = CustomerValidator.IsValidEmail(email) ? await userManager.FindByEmailAsync(email) : null;
        if (user is not null)
        {
            var result = await signInManager.PasswordSignInAsync(user, model.Password!, model.RememberMe, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                logger.LogInformation("User {UserId} signed in.", user.Id);
                await siteAddress.RememberAsync(user, Request, HttpContext.RequestAborted);
                return LocalRedirect(Url.IsLocalUrl(model.ReturnUrl) ? model.ReturnUrl : "/admin");
            }

            if (result.IsLockedOut)
            {
                ModelState.AddModelError("", S["Too many failed attempts. Try again in a few minutes."]);
                return View(model);
            }
        }

        // The same message whether or not the email exists, so sign-in reveals no accounts.
        ModelState.AddModelError("", S["The email or password is incorrect."]);
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
