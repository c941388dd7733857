using Commerce.Customers.Accounts;
using Commerce.Customers.Models;
using Microsoft.AspNetCore.Identity;

namespace Commerce.Customers.Security;

/// <summary>
/// Identity's "may this user sign in" check (with <c>SignIn.RequireConfirmedAccount</c>): a login that
/// registered itself must have confirmed its email while the Customer accounts setting asks for it.
/// Logins staff created, and those from before the setting existed, count as confirmed.
/// </summary>
internal sealed class ProvenMailboxConfirmation(CustomerAccountSettingsStore settings) : IUserConfirmation<ShopUser>
{
    public async Task<bool> IsConfirmedAsync(UserManager<ShopUser> manager, ShopUser user) =>
        !user.RegisteredThemselves || user.EmailConfirmed || !(await settings.GetAsync()).RequireEmailConfirmation;
}
