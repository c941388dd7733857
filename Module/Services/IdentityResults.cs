using Commerce.Customers.Recipes;
using Microsoft.AspNetCore.Identity;

namespace Commerce.Customers.Services;

internal static class IdentityResults
{
    /// <summary>Turns a failed Identity operation during a recipe into a message the site builder can read.</summary>
    public static void ThrowIfFailed(IdentityResult result, string action)
    {
        if (!result.Succeeded)
        {
            throw new RecipeException($"Could not {action}: {string.Join(" ", result.Errors.Select(error => error.Description))}");
        }
    }
}
