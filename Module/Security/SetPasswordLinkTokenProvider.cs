using Commerce.Customers.Accounts;
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
/// <remarks>
/// The lifetime is the site's "Reset link lifetime" setting when set, else configuration. Identity
/// creates a provider per UserManager (per request), so each instance gets its own options copy
/// that can take the setting without touching other requests.
/// </remarks>
public sealed class SetPasswordLinkTokenProvider(
    IDataProtectionProvider dataProtectionProvider,
    IOptions<SetPasswordLinkTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<ShopUser>> logger,
    CustomerAccountSettingsStore settings)
    : DataProtectorTokenProvider<ShopUser>(dataProtectionProvider, Microsoft.Extensions.Options.Options.Create(Copy(options.Value)), logger)
{
    public const string ProviderName = "SetPasswordLink";

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<ShopUser> manager, ShopUser user)
    {
        if ((await settings.GetAsync()).LinkLifetimeHours is { } hours)
        {
            Options.TokenLifespan = TimeSpan.FromHours(hours);
        }

        return await base.ValidateAsync(purpose, token, manager, user);
    }

    private static SetPasswordLinkTokenProviderOptions Copy(SetPasswordLinkTokenProviderOptions configured) =>
        new() { Name = configured.Name, TokenLifespan = configured.TokenLifespan };
}
