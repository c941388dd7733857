using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Services;

/// <summary>Reads the site's settings row once per request, through the cache shared by requests.</summary>
public sealed class SiteSettingsStore(CustomersDbContext db, SiteSettingsCache cache)
{
    private SiteSettings? _settings;
    private bool _loaded;

    public async Task<SiteSettings?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (!_loaded)
        {
            if (!cache.TryGet(out _settings))
            {
                var version = SiteSettingsCache.Version;
                _settings = await db.SiteSettings.AsNoTracking()
                    .SingleOrDefaultAsync(settings => settings.Id == Models.SiteSettings.SingletonId, cancellationToken);
                cache.Set(_settings, version);
            }

            _loaded = true;
        }

        return _settings;
    }

    public async Task<bool> IsFeatureEnabledAsync(string featureId, CancellationToken cancellationToken = default)
    {
        var settings = await GetAsync(cancellationToken);
        return settings is not null && settings.EnabledFeatures.Contains(featureId, StringComparer.Ordinal);
    }
}
