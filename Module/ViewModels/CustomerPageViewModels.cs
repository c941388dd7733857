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

    /// <summary>The customer's stamp when the page was made, posted by the address buttons.</summary>
    public string? ConcurrencyStamp { get; set; }
}

/// <summary>My account's form for one address of the customer's own: new, or an edit.</summary>
public sealed class MyAccountAddressViewModel
{
    public AddressForm Form { get; init; } = new();

    /// <summary>The customer's stamp the form was made with: a save after another change to the record saves nothing.</summary>
    public string? ConcurrencyStamp { get; init; }

    /// <summary>The stored address is the default for shipping (only another address can take that away).</summary>
    public bool IsDefaultShipping { get; init; }
}
