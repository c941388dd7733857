using Commerce.Customers.Accounts;
using Commerce.Customers.Models;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Controllers;

/// <summary>
/// Following the link that proves a self-registered account's mailbox, and asking for it again.
/// Confirming is a POST with the account's password, never the GET a mail scanner makes.
/// </summary>
[AllowAnonymous]
public sealed class EmailConfirmationController(
    EmailConfirmationService confirmation,
    MailboxConfirmation mailbox,
    SignInManager<ShopUser> signIn,
    IStringLocalizer<EmailConfirmationController> S) : Controller
{
    public const string CheckYourEmailView = "CheckYourEmail";

    [HttpGet("account/confirm-email")]
    public IActionResult Confirm() => View(new ConfirmEmailViewModel());

    [HttpPost("account/confirm-email")]
    [ActionName(nameof(Confirm))]
    [EnableRateLimiting(AccountRateLimits.PolicyName)]
    public async Task<IActionResult> ConfirmPost(ConfirmEmailViewModel model, CancellationToken cancellationToken)
    {
        var result = await confirmation.ConfirmAsync(model.User, model.Token, model.Password, cancellationToken);
        model.Password = null;
        if (!result.Succeeded)
        {
            ModelState.AddModelError(result.Field ?? "", result.Error!);
            return View(model);
        }

        await signIn.SignInAsync(result.User!, isPersistent: false);
        TempData.Success(S["Your email is confirmed. Welcome!"]);
        return Redirect("/account");
    }

    [HttpGet("account/confirm-email/pending")]
    public IActionResult Pending() => View(CheckYourEmailView, new CheckYourEmailViewModel());

    [HttpPost("account/confirm-email/resend")]
    [EnableRateLimiting(AccountRateLimits.PolicyName)]
    public async Task<IActionResult> Resend(CheckYourEmailViewModel model, CancellationToken cancellationToken)
    {
        await mailbox.ResendAsync(model.Email, cancellationToken);
        return View(CheckYourEmailView, new CheckYourEmailViewModel { Email = model.Email?.Trim() });
    }
}
