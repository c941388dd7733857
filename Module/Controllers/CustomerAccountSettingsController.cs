using Commerce.Customers.Accounts;
using Commerce.Customers.Data;
using Commerce.Customers.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Commerce.Customers.Controllers;

/// <summary>The "Customer accounts" settings page; the recipe step <c>settings</c> sets the same values.</summary>
[Route("admin/settings/customer-accounts")]
[Authorize(Policy = nameof(Permissions.ManageCustomerSettings))]
[RequireFeature(Manifest.CustomersFeatureId)]
public sealed class CustomerAccountSettingsController(
    CustomerAccountSettingsStore store,
    CustomersDbContext db,
    IOptions<SetPasswordLinkTokenProviderOptions> linkOptions,
    IStringLocalizer<CustomerAccountSettingsController> S) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        ViewData["LinkLifetime"] = linkOptions.Value.TokenLifespan;
        return View(await store.GetAsync());
    }

    [HttpPost("")]
    [ActionName(nameof(Index))]
    public async Task<IActionResult> IndexPost(CustomerAccountSettings posted, CancellationToken cancellationToken)
    {
        ViewData["LinkLifetime"] = linkOptions.Value.TokenLifespan;
        var problems = posted.Validate(S).ToList();
        if (!ModelState.IsValid || problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                ModelState.AddModelError("", problem);
            }

            // A value the binder could not read (a tampered choice or number) has no message of its own on this page.
            if (problems.Count == 0)
            {
                ModelState.AddModelError("", S["Choose one of the offered values."]);
            }

            return View(posted);
        }

        await store.SetAsync(posted, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        TempData.Success(S["The customer account settings were saved."]);
        return RedirectToAction(nameof(Index));
    }
}
