using Commerce.Customers.Notifications;
using Commerce.Customers.Recipes;
using Commerce.Customers.Setup;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Controllers;

/// <summary>The first-run screen: site name, administrator and recipe. Gone once the site is set up.</summary>
[Route("setup")]
[AllowAnonymous]
public sealed class SetupController(
    SiteSetupService setupService,
    SetupState setupState,
    RecipeCatalog recipes,
    IStringLocalizer<SetupController> S) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        if (await setupState.IsSetUpAsync(HttpContext.RequestAborted))
        {
            return NotFound();
        }

        var available = recipes.List();
        return View(new SetupViewModel
        {
            SiteName = "My shop",
            Recipe = available.FirstOrDefault(recipe => recipe.Name == "demo")?.Name ?? (available.Count > 0 ? available[0].Name : null),
            Recipes = available,
        });
    }

    [HttpPost("")]
    [ActionName(nameof(Index))]
    public async Task<IActionResult> IndexPost(SetupViewModel model)
    {
        if (await setupState.IsSetUpAsync(HttpContext.RequestAborted))
        {
            return NotFound();
        }

        model.Recipes = recipes.List();
        if (!string.Equals(model.AdminPassword, model.ConfirmPassword, StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(model.ConfirmPassword), S["The passwords do not match."]);
            return View(model);
        }

        var result = await setupService.SetupAsync(new SetupRequest
        {
            SiteName = model.SiteName ?? "",
            AdminEmail = model.AdminEmail?.Trim() ?? "",
            AdminPassword = model.AdminPassword ?? "",
            // Only recipes offered on the screen may be chosen from a browser, never a file path.
            Recipe = model.Recipes.Any(recipe => recipe.Name == model.Recipe) ? model.Recipe! : "",
            // Whoever sets the site up reaches it at its real address; later requests' Host headers are not trusted for links.
            BaseUrl = SiteUrls.OfRequest(Request),
        });

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Field, error.Message);
            }

            return View(model);
        }

        return Redirect("/admin/login");
    }
}
