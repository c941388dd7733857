using Microsoft.AspNetCore.Identity;

namespace Commerce.Customers.Models;

/// <summary>A login of the site: an administrator, staff member or registered customer.</summary>
public sealed class ShopUser : IdentityUser
{
    /// <summary>Set when an administrator chose the password: the user must pick their own at next sign-in.</summary>
    public bool MustChangePassword { get; set; }
}
