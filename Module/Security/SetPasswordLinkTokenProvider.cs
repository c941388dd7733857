using Commerce.Customers.Models;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Customers.Security;

/// <summary>Lifetime of set-password and reset links (configuration <c>CommerceCustomers:Accounts:SetPasswordLinkLifetime</c>).</summary>
public sealed class SetPasswordLinkTokenProviderOptions : DataProtectionTokenProviderOptions
{
    public SetPasswordLinkTokenProviderOptions()
    {
        Name = SetPasswordLinkTokenProvider.ProviderName;
        TokenLifespan = TimeSpan.FromDays(3);
    }
}

/// <summary>
/// Identity's own Data Protection token provider with its own lifetime. Tokens embed the security
/// stamp, which changes when the password is set, so a link works once.
/// </summary>
public sealed class SetPasswordLinkTokenProvider(
    IDataProtectionProvider dataProtectionProvider,
    IOptions<SetPasswordLinkTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<ShopUser>> logger)
    : DataProtectorTokenProvider<ShopUser>(dataProtectionProvider, options, logger)
{
    public const string ProviderName = "SetPasswordLink";
}
