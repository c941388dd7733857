using Commerce.Customers.Data;
using Commerce.Customers.Services;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Localization;

/// <summary>Reads and writes the Regional section of the site settings (through the request's cached settings row).</summary>
public sealed class RegionalSettingsStore(CustomersDbContext db, SiteSettingsStore site)
{
    private RegionalSettings? _cached;

    public async Task<RegionalSettings> GetAsync(CancellationToken cancellationToken = default) =>
        _cached ??= SettingsSections.Read<RegionalSettings>(await site.GetAsync(cancellationToken), RegionalSettings.SectionName);

    /// <summary>Stores the section in the tracked settings row; the caller saves.</summary>
    public async Task SetAsync(RegionalSettings value, CancellationToken cancellationToken = default)
    {
        SettingsSections.Write(await db.SiteSettings.SingleAsync(cancellationToken), RegionalSettings.SectionName, value);
        _cached = value;
    }
}
