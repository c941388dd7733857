using Commerce.Customers.Localization;
using Commerce.Customers.Models;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Controllers;

/// <summary>Preferences: the signed-in person's language and time zone (customers and staff alike).</summary>
[Route("account/preferences")]
[Authorize]
public sealed class PreferencesController(
    UserManager<ShopUser> users,
    RegionalPreferences preferences,
    RegionalSettingsStore regional,
    IStringLocalizer<PreferencesController> S) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        return View(await ModelAsync(user.Culture, user.TimeZoneId, cancellationToken));
    }

    [HttpPost("")]
    [ActionName(nameof(Index))]
    public async Task<IActionResult> IndexPost(PreferencesViewModel posted, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var culture = string.IsNullOrEmpty(posted.Culture) ? null : SupportedCultures.Match(posted.Culture);
        if (!string.IsNullOrEmpty(posted.Culture) && culture != posted.Culture)
        {
            ModelState.AddModelError(nameof(posted.Culture), S["Choose one of the offered languages."]);
        }

        var zone = string.IsNullOrEmpty(posted.TimeZone) ? null : TimeZones.Find(posted.TimeZone)?.Id;
        if (!string.IsNullOrEmpty(posted.TimeZone) && zone is null)
        {
            ModelState.AddModelError(nameof(posted.TimeZone), S["Choose one of the offered time zones."]);
        }

        if (!ModelState.IsValid)
        {
            return View(await ModelAsync(posted.Culture, posted.TimeZone, cancellationToken));
        }

        await preferences.SaveAsync(user, culture, zone, cancellationToken);
        if (culture is not null)
        {
            LanguageCookie.Set(Response, culture);
        }

        // Said in the language just chosen: the next page is the first in it.
        var chosen = System.Globalization.CultureInfo.GetCultureInfo(culture ?? (await regional.GetAsync(cancellationToken)).Culture);
        using (new CultureScope(chosen))
        {
            TempData.Success(S["Your preferences were saved."]);
        }

        return RedirectToAction(nameof(Index));
    }

    private async Task<PreferencesViewModel> ModelAsync(string? culture, string? timeZone, CancellationToken cancellationToken)
    {
        var site = await regional.GetAsync(cancellationToken);
        return new PreferencesViewModel { Culture = culture, TimeZone = timeZone, SiteCulture = site.Culture, SiteTimeZone = site.TimeZone };
    }
}
