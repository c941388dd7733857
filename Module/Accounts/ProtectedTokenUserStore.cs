using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Commerce.Customers.Accounts;

/// <summary>
/// Identity's EF user store, with the secrets it keeps for itself encrypted at rest: the
/// authenticator key and the recovery codes. Identity writes both as rows of the user-tokens table
/// under its own login provider; this store encrypts those values with Data Protection (whose keys
/// are themselves protected at rest) as they are written and decrypts them as they are read, so a
/// copy of the database alone yields neither.
/// </summary>
public sealed class ProtectedTokenUserStore(CustomersDbContext context, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserStore<ShopUser, IdentityRole, CustomersDbContext>(context, describer)
{
    /// <summary>The login provider under which Identity keeps its internal tokens (UserStoreBase's InternalLoginProvider).</summary>
    private const string IdentityInternalProvider = "[AspNetUserStore]";

    private readonly IDataProtector _protector = protection.CreateProtector("Commerce.Customers.IdentityTokens");

    public override Task SetTokenAsync(ShopUser user, string loginProvider, string name, string? value, CancellationToken cancellationToken)
    {
        var stored = loginProvider == IdentityInternalProvider && !string.IsNullOrEmpty(value) ? _protector.Protect(value) : value;
        return base.SetTokenAsync(user, loginProvider, name, stored, cancellationToken);
    }

    public override async Task<string?> GetTokenAsync(ShopUser user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        var stored = await base.GetTokenAsync(user, loginProvider, name, cancellationToken);
        return loginProvider == IdentityInternalProvider && !string.IsNullOrEmpty(stored) ? _protector.Unprotect(stored) : stored;
    }
}
