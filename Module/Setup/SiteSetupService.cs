using System.Security.Claims;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Commerce.Customers.Recipes;
using Commerce.Customers.Services;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Commerce.Customers.Setup;

/// <summary>
/// Sets a fresh site up: the settings row, the Administrator role and user, then the chosen
/// recipe, all in one transaction. If any part fails, nothing is kept and set-up can be retried.
/// </summary>
public sealed class SiteSetupService(
    CustomersDbContext db,
    UserManager<ShopUser> userManager,
    RoleManager<IdentityRole> roleManager,
    RecipeCatalog recipes,
    RecipeExecutor recipeExecutor,
    SetupState setupState,
    TimeProvider clock,
    IStringLocalizer<SiteSetupService> S,
    ILogger<SiteSetupService> logger)
{
    public async Task<SetupResult> SetupAsync(SetupRequest request, CancellationToken cancellationToken = default)
    {
        var errors = await ValidateAsync(request);
        Recipe? recipe = null;
        IReadOnlyList<IPreparedRecipeStep> steps = [];
        try
        {
            // Every step is checked before anything is written or the administrator's password hashed.
            recipe = recipes.Load(request.Recipe);
            steps = recipeExecutor.Prepare(recipe);
        }
        catch (RecipeException exception)
        {
            errors.Add(new(nameof(SetupRequest.Recipe), exception.Message));
        }

        if (errors.Count > 0 || recipe is null)
        {
            return new SetupResult(errors);
        }

        if (await setupState.IsSetUpAsync(cancellationToken))
        {
            return Failed("", S["The site is already set up."]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            // The settings row goes first: a second set-up racing this one fails on its key.
            db.SiteSettings.Add(new SiteSettings { SiteName = request.SiteName.Trim(), SetupCompletedUtc = clock.GetUtcNow().UtcDateTime, BaseUrl = SiteUrls.Normalize(request.BaseUrl) });
            await db.SaveChangesAsync(cancellationToken);

            await CreateAdministratorAsync(request);
            await recipeExecutor.ExecuteAsync(steps, cancellationToken);
            await ApplySiteNameAsync(request.SiteName, cancellationToken);

            await transaction.CommitAsync(cancellationToken);
        }
        catch (RecipeException exception)
        {
            await RollBackAsync(transaction);
            return Failed(nameof(SetupRequest.Recipe), exception.Message);
        }
        catch (DbUpdateException exception)
        {
            await RollBackAsync(transaction);
            logger.LogWarning(exception, "Set-up failed while saving; the site may have been set up by another request.");
            return Failed("", S["Set-up could not be saved. If someone else set the site up meanwhile, sign in instead."]);
        }

        setupState.MarkSetUp();
        logger.LogInformation("The site was set up with the recipe {Recipe}.", recipe.Name);
        return new SetupResult([]);
    }

    private async Task<List<FieldError>> ValidateAsync(SetupRequest request)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.SiteName))
        {
            errors.Add(new(nameof(SetupRequest.SiteName), S["Enter the site name."]));
        }
        else if (request.SiteName.Trim().Length > SiteSettings.SiteNameMaxLength || request.SiteName.Any(char.IsControl))
        {
            errors.Add(new(nameof(SetupRequest.SiteName), S["The site name must be at most {0} characters, without line breaks or other control characters.", SiteSettings.SiteNameMaxLength]));
        }

        if (!string.IsNullOrWhiteSpace(request.BaseUrl) && SiteUrls.Normalize(request.BaseUrl) is null)
        {
            errors.Add(new(nameof(SetupRequest.BaseUrl), S["The site address must be an absolute http or https address, such as https://shop.example."]));
        }

        if (string.IsNullOrWhiteSpace(request.AdminEmail) || !CustomerValidator.IsValidEmail(request.AdminEmail.Trim()))
        {
            errors.Add(new(nameof(SetupRequest.AdminEmail), S["Enter a valid email address for the administrator."]));
        }

        if (string.IsNullOrEmpty(request.AdminPassword))
        {
            errors.Add(new(nameof(SetupRequest.AdminPassword), S["Enter a password for the administrator."]));
        }
        else
        {
            var candidate = new ShopUser { UserName = request.AdminEmail, Email = request.AdminEmail };
            foreach (var validator in userManager.PasswordValidators)
            {
                var result = await validator.ValidateAsync(userManager, candidate, request.AdminPassword);
                errors.AddRange(result.Errors.Select(error => new FieldError(nameof(SetupRequest.AdminPassword), error.Description)));
            }
        }

        return errors;
    }

    private async Task CreateAdministratorAsync(SetupRequest request)
    {
        var role = await roleManager.FindByNameAsync(Permissions.AdministratorRole);
        if (role is null)
        {
            role = new IdentityRole(Permissions.AdministratorRole);
            IdentityResults.ThrowIfFailed(await roleManager.CreateAsync(role), "create the Administrator role");
        }

        // The Administrator is granted everything by the handler too; the claims make it visible.
        foreach (var permission in Permissions.All)
        {
            IdentityResults.ThrowIfFailed(await roleManager.AddClaimAsync(role, new Claim(Permissions.ClaimType, permission.Name)), "grant the Administrator role its permissions");
        }

        var email = request.AdminEmail.Trim();
        var admin = new ShopUser { UserName = email, Email = email, EmailConfirmed = true };
        IdentityResults.ThrowIfFailed(await userManager.CreateAsync(admin, request.AdminPassword), "create the administrator");
        IdentityResults.ThrowIfFailed(await userManager.AddToRoleAsync(admin, Permissions.AdministratorRole), "make the administrator an Administrator");
    }

    // The name typed at set-up wins over a recipe's default.
    private async Task ApplySiteNameAsync(string siteName, CancellationToken cancellationToken)
    {
        var settings = await db.SiteSettings.SingleAsync(cancellationToken);
        settings.SiteName = siteName.Trim();
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task RollBackAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction)
    {
        await transaction.RollbackAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
    }

    private static SetupResult Failed(string field, string message) => new([new FieldError(field, message)]);
}
