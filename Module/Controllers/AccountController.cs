using Commerce.Customers.Accounts;
using Commerce.Customers.Models;
using Commerce.Customers.Security;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.RateLimiting;

namespace Commerce.Customers.Controllers;

/// <summary>Password pages for the people who own the accounts: set a password from a link, change one at sign-in, and tips.</summary>
[Route("")]
public sealed class AccountController(
    CustomerPasswordService passwords,
    CustomerAccountSettingsStore settings,
    MinimumStrengthPasswordValidator strength,
    UserManager<ShopUser> users,
    SignInManager<ShopUser> signIn) : Controller
{
    [HttpGet("password-tips")]
    [AllowAnonymous]
    public IActionResult PasswordTips() => View();

    [HttpGet("account/set-password")]
    [AllowAnonymous]
    public async Task<IActionResult> SetPassword() =>
        View(new SetPasswordViewModel { MinimumStrength = (await settings.GetAsync()).MinimumPasswordStrength });

    [HttpPost("account/set-password")]
    [ActionName(nameof(SetPassword))]
    [AllowAnonymous]
    [EnableRateLimiting(AccountRateLimits.PolicyName)]
    public async Task<IActionResult> SetPasswordPost(SetPasswordViewModel model, CancellationToken cancellationToken)
    {
        model.MinimumStrength = (await settings.GetAsync(cancellationToken)).MinimumPasswordStrength;
        var result = await passwords.SetWithLinkAsync(model.User, model.Token, model.Password, model.ConfirmPassword, cancellationToken);
        AddErrors(ModelState, result);
        model.Password = model.ConfirmPassword = null;
        model.Done = result.Succeeded;
        if (result.Succeeded)
        {
            model.User = model.Token = null;
            TempData.Success(result.Message!);
        }

        return View(model);
    }

    [HttpGet("account/change-password")]
    [Authorize]
    public async Task<IActionResult> ChangePassword(string? returnUrl)
    {
        var user = await users.GetUserAsync(User);
        return user is null ? Challenge() : View(await ChangeModelAsync(user, returnUrl));
    }

    [HttpPost("account/change-password")]
    [ActionName(nameof(ChangePassword))]
    [Authorize]
    [EnableRateLimiting(AccountRateLimits.PolicyName)]
    public async Task<IActionResult> ChangePasswordPost(ChangePasswordViewModel posted, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await passwords.ChangeAsync(user, posted.CurrentPassword, posted.Password, posted.ConfirmPassword, cancellationToken);
        if (!result.Succeeded)
        {
            AddErrors(ModelState, result);
            return View(await ChangeModelAsync(user, posted.ReturnUrl));
        }

        // The new security stamp would end this session too; sign in again to keep it.
        await signIn.RefreshSignInAsync(user);
        TempData.Success(result.Message!);
        return LocalRedirect(Url.IsLocalUrl(posted.ReturnUrl) ? posted.ReturnUrl : "/account");
    }

    private async Task<ChangePasswordViewModel> ChangeModelAsync(ShopUser user, string? returnUrl) => new()
    {
        ReturnUrl = returnUrl,
        MinimumStrength = (await settings.GetAsync()).MinimumPasswordStrength,
        UserInputsJson = System.Text.Json.JsonSerializer.Serialize((await strength.UserInputsAsync(user)).Where(input => !string.IsNullOrWhiteSpace(input))),
    };

    private static void AddErrors(ModelStateDictionary modelState, LoginActionResult result) => modelState.AddFieldErrors(result.Errors);
}
