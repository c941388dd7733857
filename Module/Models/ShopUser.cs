using Microsoft.AspNetCore.Identity;

namespace Commerce.Customers.Models;

/// <summary>A login of the site: an administrator, staff member or registered customer.</summary>
public sealed class ShopUser : IdentityUser
{
}
