using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace Commerce.Customers.Localization;

/// <summary>
/// Dates and times as the person looking at them reads them: stored in UTC, shown in their zone
/// (their own choice, else the site's) and their culture's format, with the offset named after
/// every time. <see cref="ViewerRegionMiddleware"/> sets the zones for each request; outside a
/// request (emails, jobs) both are UTC until set.
/// </summary>
public sealed class ViewerTime
{
    /// <summary>The zone of this viewer's times.</summary>
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>The site's zone, in which whole-day dates (memberships) are counted.</summary>
    public TimeZoneInfo SiteZone { get; private set; } = TimeZoneInfo.Utc;

    public void Use(TimeZoneInfo viewer, TimeZoneInfo site)
    {
        Zone = viewer;
        SiteZone = site;
    }

    public DateTime ToViewer(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>"12/7/2026 7:18:50 AM UTC+1" ("G"), or another standard format of the culture, such as "g" without seconds.</summary>
    public string Text(DateTime utc, string format = "G")
    {
        var local = ToViewer(utc);
        return $"{Plain(local.ToString(format, CultureInfo.CurrentCulture))} {TimeZones.OffsetLabel(Zone.GetUtcOffset(local))}";
    }

    // ICU puts a narrow no-break space before AM/PM; a plain one reads the same and matches what
    // people type and search for ("6:30 PM").
    private static string Plain(string text) => text.Replace('\u202F', ' ');

    /// <summary>The day alone ("12/7/2026"), in the viewer's zone.</summary>
    public string Date(DateTime utc) => ToViewer(utc).ToString("d", CultureInfo.CurrentCulture);

    /// <summary>A &lt;time&gt; element: the viewer's text, the exact UTC instant for machines, and the zone's name on hover.</summary>
    public IHtmlContent Show(DateTime utc, string format = "G")
    {
        var instant = DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var builder = new HtmlContentBuilder();
        builder.AppendHtml($"<time datetime=\"{instant}\" title=\"");
        builder.Append(Zone.Id);
        builder.AppendHtml("\">");
        builder.Append(Text(utc, format));
        builder.AppendHtml("</time>");
        return builder;
    }

    /// <summary>"Europe/Berlin (UTC+1)": the viewer's zone as a page names it once.</summary>
    public string ZoneName(DateTime nowUtc) => $"{Zone.Id} ({TimeZones.OffsetLabel(Zone.GetUtcOffset(nowUtc))})";

    /// <summary>The site's zone named the same way, for forms whose dates are counted in it.</summary>
    public string SiteZoneName(DateTime nowUtc) => $"{SiteZone.Id} ({TimeZones.OffsetLabel(SiteZone.GetUtcOffset(nowUtc))})";
}
