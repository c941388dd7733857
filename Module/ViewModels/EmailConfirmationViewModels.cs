namespace Commerce.Customers.ViewModels;

/// <summary>The page a confirmation link opens. User and Token arrive from the link's fragment.</summary>
public sealed class ConfirmEmailViewModel
{
    public string? User { get; set; }
    public string? Token { get; set; }
    public string? Password { get; set; }
}

/// <summary>
/// "Check your email", after registering or signing in before confirming, with "send the link again".
/// The page reads the same whether or not the address has an account.
/// </summary>
public sealed class CheckYourEmailViewModel
{
    public string? Email { get; set; }

    /// <summary>Shown after a sign-in with the right password to an account that is not confirmed yet.</summary>
    public bool SignInRefused { get; set; }
}
