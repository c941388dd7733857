using Commerce.Customers.Accounts;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Commerce.Customers.Controllers;

/// <summary>"Forgot password", when the site allows it. The answer never says whether an account exists.</summary>
[Route("account/forgot-password")]
[AllowAnonymous]
public sealed class ForgotPasswordController(PasswordResetService resets, CustomerAccountSettingsStore settings) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index() =>
        (await settings.GetAsync()).AllowPasswordReset ? View(new ForgotPasswordViewModel()) : NotFound();

    [HttpPost("")]
    [ActionName(nameof(Index))]
    [EnableRateLimiting(AccountRateLimits.PolicyName)]
    public async Task<IActionResult> IndexPost(ForgotPasswordViewModel model, CancellationToken cancellationToken)
    {
        if (!(await settings.GetAsync(cancellationToken)).AllowPasswordReset)
        {
            return NotFound();
        }

        await resets.RequestAsync(model.Email, cancellationToken);
        return View(new ForgotPasswordViewModel { Email = model.Email, Sent = true });
    }
}
