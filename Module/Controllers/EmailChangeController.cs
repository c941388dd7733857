using Commerce.Customers.Accounts;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Controllers;

/// <summary>
/// My account's email change (<see cref="CustomerEmailChange"/>): ask with the password, confirm from
/// the link at the new address while signed in, and report from the link at the old one. Following a
/// link only shows a button: mail scanners fetch links, so no GET changes anything.
/// </summary>
[Route("account/email")]
[Authorize]
public sealed class EmailChangeController(
    CustomersDbContext db,
    UserManager<ShopUser> users,
    SignInManager<ShopUser> signIn,
    CustomerEmailChange change) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var (user, customer) = await CurrentAsync(cancellationToken);
        return user is null ? Challenge() : View(new ChangeEmailViewModel { CurrentEmail = user.Email, IsCustomer = customer is not null });
    }

    [HttpPost("")]
    [ActionName(nameof(Index))]
    [EnableRateLimiting(AccountRateLimits.PolicyName)]
    public async Task<IActionResult> IndexPost(ChangeEmailViewModel posted, CancellationToken cancellationToken)
    {
        var (user, customer) = await CurrentAsync(cancellationToken);
        if (user is null || customer is null)
        {
            return user is null ? Challenge() : NotFound();
        }

        var result = await change.RequestAsync(user, posted.Email, posted.CurrentPassword, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddFieldErrors(result.Errors);
            return View(new ChangeEmailViewModel { Email = posted.Email, CurrentEmail = user.Email, IsCustomer = true });
        }

        TempData.Success(result.Message!);
        return Redirect("/account");
    }

    [HttpGet("confirm")]
    public async Task<IActionResult> Confirm(CancellationToken cancellationToken)
    {
        var (user, customer) = await CurrentAsync(cancellationToken);
        return user is null ? Challenge() : View(new ConfirmEmailChangeViewModel { IsCustomer = customer is not null });
    }

    [HttpPost("confirm")]
    [ActionName(nameof(Confirm))]
    [EnableRateLimiting(AccountRateLimits.PolicyName)]
    public async Task<IActionResult> ConfirmPost(ConfirmEmailChangeViewModel posted, CancellationToken cancellationToken)
    {
        var (user, customer) = await CurrentAsync(cancellationToken);
        if (user is null || customer is null)
        {
            return user is null ? Challenge() : NotFound();
        }

        var result = await change.ConfirmAsync(user, customer, posted.User, posted.Email, posted.Token, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddFieldErrors(result.Errors);
            posted.IsCustomer = true;
            return View(posted);
        }

        // The new security stamp ends every session, this one too: sign it in again with the new name.
        await signIn.RefreshSignInAsync(user);
        TempData.Success(result.Message!);
        return Redirect("/account");
    }

    [HttpGet("report")]
    [AllowAnonymous]
    public IActionResult Report() => View(new ReportEmailChangeViewModel());

    [HttpPost("report")]
    [ActionName(nameof(Report))]
    [AllowAnonymous]
    [EnableRateLimiting(AccountRateLimits.PolicyName)]
    public async Task<IActionResult> ReportPost(ReportEmailChangeViewModel posted, CancellationToken cancellationToken)
    {
        var result = await change.ReportAsync(posted.User, posted.Email, posted.Token, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddFieldErrors(result.Errors);
            return View(posted);
        }

        return View(new ReportEmailChangeViewModel { Done = true });
    }

    /// <summary>The signed-in login and, tracked, its customer record (none for staff).</summary>
    private async Task<(ShopUser? User, Customer? Customer)> CurrentAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        return user is null ? (null, null) : (user, await db.Customers.FirstOrDefaultAsync(c => c.UserId == user.Id, cancellationToken));
    }
}
