using Commerce.Customers.Accounts;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Controllers;

/// <summary>
/// Security: what the signed-in person (customer or staff) can do about their own sign-ins. Sign out
/// everywhere ends every other session of the login at its next request and keeps this one.
/// </summary>
[Route("account/security")]
[Authorize]
public sealed class SecurityController(
    UserManager<ShopUser> users,
    SignInManager<ShopUser> signIn,
    CustomersDbContext db,
    TimeProvider clock,
    SignInHistory history,
    CustomerAccountSettingsStore settings,
    IStringLocalizer<SecurityController> S) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        return View(new SecurityViewModel
        {
            SignIns = await history.RecentAsync(user.Id, cancellationToken),
            HistoryDays = (await settings.GetAsync(cancellationToken)).SignInHistoryDays,
        });
    }

    [HttpPost("sign-out-everywhere")]
    public async Task<IActionResult> SignOutEverywhere(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        // A new stamp ends every session; this one is signed in again with it.
        await users.UpdateSecurityStampAsync(user);
        await signIn.RefreshSignInAsync(user);
        if (await db.Customers.FirstOrDefaultAsync(c => c.UserId == user.Id, cancellationToken) is { } customer)
        {
            db.LoginAudits.Add(LoginActor.Of(User).AuditRow(customer, user, LoginAuditAction.SignedOutEverywhere, clock.GetUtcNow().UtcDateTime, null));
            await db.SaveChangesAsync(cancellationToken);
        }

        TempData.Success(S["Every other session has ended. This one stays signed in."]);
        return RedirectToAction(nameof(Index));
    }
}
