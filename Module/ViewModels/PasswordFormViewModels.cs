using Commerce.Customers.Security;

namespace Commerce.Customers.ViewModels;

/// <summary>The page a set-password link opens. User and Token arrive from the link's fragment.</summary>
public sealed class SetPasswordViewModel
{
    public string? User { get; set; }
    public string? Token { get; set; }
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }
    public PasswordStrengthLevel MinimumStrength { get; set; }
    public bool Done { get; set; }
}

public sealed class ChangePasswordViewModel
{
    public string? CurrentPassword { get; set; }
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }
    public string? ReturnUrl { get; set; }
    public PasswordStrengthLevel MinimumStrength { get; set; }
    public string UserInputsJson { get; set; } = "[]";
}
