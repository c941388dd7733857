namespace Commerce.Customers.ViewModels;

/// <summary>The General tab's form. Lengths are checked by CustomerValidator, not attributes, so recipes share the rules.</summary>
public sealed class CustomerGeneralViewModel
{
    public string? Company { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public DateTime? CreatedUtc { get; set; }
    public bool IsRegistered { get; set; }
}
