using Commerce.Customers.Localization;
using Commerce.Customers.Models;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Controllers;

/// <summary>
/// The language menu of every page: a visitor's choice is kept in a cookie, a signed-in person's
/// in their preferences too (so their emails follow it). Returns to the page it was chosen on.
/// </summary>
[Route("language")]
public sealed class LanguageController(UserManager<ShopUser> users, RegionalPreferences preferences, IStringLocalizer<LanguageController> S) : Controller
{
    [HttpPost("")]
    public async Task<IActionResult> Choose(string? culture, string? returnUrl, CancellationToken cancellationToken)
    {
        var chosen = SupportedCultures.Match(culture);
        if (chosen is null || chosen != culture)
        {
            return BadRequest(S["Choose one of the offered languages."].Value);
        }

        LanguageCookie.Set(Response, chosen);
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user)
        {
            await preferences.SaveAsync(user, chosen, user.TimeZoneId, cancellationToken);
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
