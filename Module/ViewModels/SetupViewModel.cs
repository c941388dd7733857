using Commerce.Customers.Recipes;

namespace Commerce.Customers.ViewModels;

public sealed class SetupViewModel
{
    public string? SiteName { get; set; }
    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
    public string? ConfirmPassword { get; set; }
    public string? Recipe { get; set; }
    public IReadOnlyList<Recipe> Recipes { get; set; } = [];
    public Security.PasswordStrengthLevel MinimumStrength { get; set; }
}
