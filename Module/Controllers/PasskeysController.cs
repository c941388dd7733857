using Commerce.Customers.Accounts;
using Commerce.Customers.Models;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Commerce.Customers.Controllers;

/// <summary>
/// The signed-in person's passkeys, from their Security page: add one (the page's script asks the
/// browser to make it from the options posted here), rename it, remove it.
/// </summary>
[Route("account/security/passkeys")]
[Authorize]
public sealed class PasskeysController(UserManager<ShopUser> users, SignInManager<ShopUser> signIn, PasskeyService passkeys) : Controller
{
    /// <summary>The options for navigator.credentials.create(), as Identity makes them; the ceremony's state rides in a cookie.</summary>
    [HttpPost("options")]
    [EnableRateLimiting(AccountRateLimits.PolicyName)]
    public async Task<IActionResult> Options() =>
        await users.GetUserAsync(User) is { } user
            ? Content(await passkeys.CreationOptionsAsync(user), "application/json")
            : Challenge();

    [HttpPost("")]
    [EnableRateLimiting(AccountRateLimits.PolicyName)]
    public async Task<IActionResult> Add(AddPasskeyViewModel model) =>
        await users.GetUserAsync(User) is { } user
            ? await RefreshedAsync(user, await passkeys.AddAsync(user, model.CredentialJson, model.Name, model.Proof, LoginActor.Of(User), HttpContext.RequestAborted))
            : Challenge();

    [HttpPost("rename")]
    public async Task<IActionResult> Rename(PasskeyViewModel model) =>
        await users.GetUserAsync(User) is { } user
            ? BackToSecurity(await passkeys.RenameAsync(user, model.Id, model.Name))
            : Challenge();

    [HttpPost("remove")]
    public async Task<IActionResult> Remove(PasskeyViewModel model) =>
        await users.GetUserAsync(User) is { } user
            ? await RefreshedAsync(user, await passkeys.RemoveAsync(user, model.Id, LoginActor.Of(User), HttpContext.RequestAborted))
            : Challenge();

    /// <summary>The sign-in is made again after a change of methods, so what it owes (a second factor for staff) follows.</summary>
    private async Task<RedirectToActionResult> RefreshedAsync(ShopUser user, LoginActionResult result)
    {
        if (result.Succeeded)
        {
            await signIn.RefreshSignInAsync(user);
        }

        return BackToSecurity(result);
    }

    private RedirectToActionResult BackToSecurity(LoginActionResult result)
    {
        TempData.Show(result);
        return RedirectToAction(nameof(SecurityController.Index), "Security");
    }
}
