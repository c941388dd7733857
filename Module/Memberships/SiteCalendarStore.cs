using Commerce.Customers.Localization;

namespace Commerce.Customers.Memberships;

/// <summary>The site's calendar from Regional settings; UTC until a zone is chosen.</summary>
public sealed class SiteCalendarStore(RegionalSettingsStore regional)
{
    public async Task<SiteCalendar> GetAsync(CancellationToken cancellationToken = default) =>
        new(TimeZones.Find((await regional.GetAsync(cancellationToken)).TimeZone) ?? TimeZoneInfo.Utc);
}
