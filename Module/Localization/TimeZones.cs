using System.Globalization;

namespace Commerce.Customers.Localization;

/// <summary>The IANA time zones a person or the site may choose, and how a zone's offset is written.</summary>
public static class TimeZones
{
    private static readonly Lazy<IReadOnlyList<TimeZoneInfo>> Choosable = new(() =>
        TimeZoneInfo.GetSystemTimeZones()
            .Where(zone => zone.HasIanaId && (zone.Id == "UTC" || zone.Id.Contains('/')) && !zone.Id.StartsWith("Etc/", StringComparison.Ordinal))
            .OrderBy(zone => zone.BaseUtcOffset)
            .ThenBy(zone => zone.Id, StringComparer.Ordinal)
            .ToList());

    /// <summary>Every zone with a region name (Europe/Berlin), ordered by offset, for a select list.</summary>
    public static IReadOnlyList<TimeZoneInfo> All => Choosable.Value;

    public static bool IsKnown(string? id) => Find(id) is not null;

    /// <summary>The zone of an IANA id; Windows ids are refused so that stored ids mean the same on every server.</summary>
    public static TimeZoneInfo? Find(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId
            ? zone
            : null;

    /// <summary>"UTC", "UTC+1", "UTC−5", "UTC+5:30": the offset in force at that moment, short enough to follow every time.</summary>
    public static string OffsetLabel(TimeSpan offset)
    {
        if (offset == TimeSpan.Zero)
        {
            return "UTC";
        }

        var sign = offset < TimeSpan.Zero ? "\u2212" : "+";
        var absolute = offset.Duration();
        var hours = ((int)absolute.TotalHours).ToString(CultureInfo.InvariantCulture);
        return absolute.Minutes == 0 ? $"UTC{sign}{hours}" : $"UTC{sign}{hours}:{absolute.Minutes:00}";
    }

    /// <summary>"(UTC+1) Europe/Berlin", with the zone's standard offset, as a select list shows it.</summary>
    public static string ChoiceLabel(TimeZoneInfo zone) => $"({OffsetLabel(zone.BaseUtcOffset)}) {zone.Id}";
}
