using Commerce.Customers.Data;
using Commerce.Customers.Services;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Accounts;

/// <summary>
/// Reads and writes the Customer accounts section of the site settings. Reads go through
/// <see cref="SiteSettingsStore"/>, which the layout and feature checks already loaded this request.
/// </summary>
public sealed class CustomerAccountSettingsStore(CustomersDbContext db, SiteSettingsStore site)
{
    private CustomerAccountSettings? _cached;

    public async Task<CustomerAccountSettings> GetAsync(CancellationToken cancellationToken = default) =>
        _cached ??= SettingsSections.Read<CustomerAccountSettings>(await site.GetAsync(cancellationToken), CustomerAccountSettings.SectionName);

    /// <summary>Stores the section in the tracked settings row; the caller saves.</summary>
    public async Task SetAsync(CustomerAccountSettings value, CancellationToken cancellationToken = default)
    {
        SettingsSections.Write(await db.SiteSettings.SingleAsync(cancellationToken), CustomerAccountSettings.SectionName, value);
        _cached = value;
    }
}
