using Commerce.Customers.Accounts;
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
    CustomerAccountSettingsStore accountSettings,
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
        var chosen = available.FirstOrDefault(recipe => recipe.Name == "demo") ?? (available.Count > 0 ? available[0] : null);
        return View(new SetupViewModel
        {
            // The field starts from the recipe's own name; what the person types wins.
            SiteName = chosen?.SiteName ?? S["My shop"],
            Recipe = chosen?.Name,
            Recipes = available,
            MinimumStrength = await MinimumStrengthAsync(),
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
        model.MinimumStrength = await MinimumStrengthAsync();
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
            ModelState.AddFieldErrors(result.Errors);

            return View(model);
        }

        TempData.Success(S["Your site is ready. Sign in as {0} with the password you chose.", model.AdminEmail!.Trim()]);
        return Redirect("/admin/login");
    }

    /// <summary>The administrator's password meets the same minimum as everyone's (the default until a recipe sets another).</summary>
    private async Task<Security.PasswordStrengthLevel> MinimumStrengthAsync() =>
        (await accountSettings.GetAsync()).MinimumPasswordStrength;
}
