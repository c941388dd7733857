namespace Commerce.Customers.ViewModels;

/// <summary>My account's form to change the email: the new address and the current password.</summary>
public sealed class ChangeEmailViewModel
{
    public string? Email { get; set; }
    public string? CurrentPassword { get; set; }

    /// <summary>The address the login has now, shown above the form.</summary>
    public string? CurrentEmail { get; set; }

    /// <summary>Only a customer's login changes its email here; staff have no customer record.</summary>
    public bool IsCustomer { get; set; }
}

/// <summary>The page the link to the new address opens; User, Email and Token arrive from its fragment.</summary>
public sealed class ConfirmEmailChangeViewModel
{
    public string? User { get; set; }
    public string? Email { get; set; }
    public string? Token { get; set; }
    public bool IsCustomer { get; set; }
}

/// <summary>The page the "this was not me" link opens at the previous address; User, Email and Token arrive from its fragment.</summary>
public sealed class ReportEmailChangeViewModel
{
    public string? User { get; set; }
    public string? Email { get; set; }
    public string? Token { get; set; }

    /// <summary>Reported: the page says what happens next.</summary>
    public bool Done { get; set; }
}
