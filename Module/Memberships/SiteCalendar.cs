using System.Globalization;

namespace Commerce.Customers.Memberships;

/// <summary>
/// Whole days as the site counts them: a membership's day starts at midnight in the site's time
/// zone (Regional settings), whatever zone the staff user who grants it lives in. Instants stay UTC.
/// </summary>
public sealed record SiteCalendar(TimeZoneInfo Zone)
{
    /// <summary>The site's day at <paramref name="utc"/>.</summary>
    public DateOnly DayOf(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone));

    /// <summary>
    /// The instant the site's day begins. Where a daylight-saving change skips midnight the day begins
    /// at the first minute that exists; where midnight happens twice, at the first of them.
    /// </summary>
    public DateTime StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    /// <summary>The last day a period holds, since its end (<c>ValidToUtc</c>) is the start of the day after.</summary>
    public DateOnly LastDayOf(DateTime validToUtc) => DayOf(validToUtc.AddTicks(-1));

    public string Day(DateTime utc) => Text(DayOf(utc));

    public string LastDay(DateTime validToUtc) => Text(LastDayOf(validToUtc));

    /// <summary>A day as forms, emails and the audit write it: ISO 8601, which reads the same in every language.</summary>
    public static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
