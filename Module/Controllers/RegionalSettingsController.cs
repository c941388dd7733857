using Commerce.Customers.Data;
using Commerce.Customers.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Controllers;

/// <summary>The "Regional settings" page: the site's language and time zone; the recipe step <c>settings</c> sets the same values.</summary>
[Route("admin/settings/regional")]
[Authorize(Policy = nameof(Permissions.ManageCustomerSettings))]
[RequireFeature(Manifest.CustomersFeatureId)]
public sealed class RegionalSettingsController(RegionalSettingsStore store, CustomersDbContext db, IStringLocalizer<RegionalSettingsController> S) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await store.GetAsync(cancellationToken));

    [HttpPost("")]
    [ActionName(nameof(Index))]
    public async Task<IActionResult> IndexPost(RegionalSettings posted, CancellationToken cancellationToken)
    {
        if (SupportedCultures.Match(posted.Culture) != posted.Culture)
        {
            ModelState.AddModelError(nameof(posted.Culture), S["Choose one of the offered languages."]);
        }

        if (!TimeZones.IsKnown(posted.TimeZone))
        {
            ModelState.AddModelError(nameof(posted.TimeZone), S["Choose one of the offered time zones."]);
        }

        if (!ModelState.IsValid)
        {
            return View(posted);
        }

        await store.SetAsync(posted, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        TempData.Success(S["The regional settings were saved."]);
        return RedirectToAction(nameof(Index));
    }
}
