using Commerce.Customers.Orders;
using Commerce.Customers.Security;

namespace Commerce.Customers.ViewModels;

public sealed class CustomerLoginViewModel
{
    public string? Email { get; set; }
    public string? Password { get; set; }
    public bool RememberMe { get; set; }
    public string? ReturnUrl { get; set; }
    public bool RegistrationEnabled { get; set; }
    public bool PasswordResetAllowed { get; set; }
}

public sealed class RegisterViewModel
{
    public string? Email { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Company { get; set; }
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }
    public string? ReturnUrl { get; set; }
    public PasswordStrengthLevel MinimumStrength { get; set; }
}

public sealed class ForgotPasswordViewModel
{
    public string? Email { get; set; }
    public bool Sent { get; set; }
}

public sealed class MyAccountViewModel
{
    public string? Email { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Company { get; set; }
    public string? Phone { get; set; }
    public bool IsCustomer { get; set; }
    public IReadOnlyList<CustomerOrderSummary> Orders { get; set; } = [];
    public IReadOnlyList<Models.CustomerAddress> Addresses { get; set; } = [];
}
