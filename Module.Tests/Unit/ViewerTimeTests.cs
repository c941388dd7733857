using System.Globalization;
using Commerce.Customers.Localization;

namespace Commerce.Customers.Tests.Unit;

/// <summary>Times stored in UTC read in the viewer's zone and culture, with the offset in force named.</summary>
public sealed class ViewerTimeTests
{
    private static readonly DateTime Winter = new(2026, 1, 15, 18, 30, 5, DateTimeKind.Utc);
    private static readonly DateTime Summer = new(2026, 7, 15, 18, 30, 5, DateTimeKind.Utc);

    [Theory]
    [InlineData("UTC", "1/15/2026 6:30:05 PM UTC")]
    [InlineData("America/New_York", "1/15/2026 1:30:05 PM UTC\u22125")]
    [InlineData("Asia/Tokyo", "1/16/2026 3:30:05 AM UTC+9")]
    [InlineData("Asia/Kolkata", "1/16/2026 12:00:05 AM UTC+5:30")]
    public void A_winter_time_in_English_in_zones_on_each_side_of_UTC(string zone, string expected)
    {
        using var _ = new CultureScope(CultureInfo.GetCultureInfo("en"));
        Assert.Equal(expected, TimeIn(zone).Text(Winter));
    }

    [Fact]
    public void German_writes_the_day_first_and_a_24_hour_clock()
    {
        using var _ = new CultureScope(CultureInfo.GetCultureInfo("de"));
        Assert.Equal("15.01.2026 19:30:05 UTC+1", TimeIn("Europe/Berlin").Text(Winter));
        Assert.Equal("15.07.2026 20:30:05 UTC+2", TimeIn("Europe/Berlin").Text(Summer));
    }

    [Fact]
    public void The_offset_follows_daylight_saving_time_across_the_change()
    {
        using var _ = new CultureScope(CultureInfo.GetCultureInfo("en"));
        var berlin = TimeIn("Europe/Berlin");
        // Clocks in Berlin go from 02:00 to 03:00 on 29 March 2026 (01:00 UTC).
        Assert.Equal("3/29/2026 1:59:00 AM UTC+1", berlin.Text(new DateTime(2026, 3, 29, 0, 59, 0, DateTimeKind.Utc)));
        Assert.Equal("3/29/2026 3:00:00 AM UTC+2", berlin.Text(new DateTime(2026, 3, 29, 1, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("Europe/Berlin (UTC+2)", berlin.ZoneName(Summer));
    }

    [Fact]
    public void The_time_element_carries_the_exact_instant_and_the_zone_name_encoded()
    {
        using var _ = new CultureScope(CultureInfo.GetCultureInfo("en"));
        using var writer = new StringWriter();
        TimeIn("America/New_York").Show(Winter).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        Assert.Equal("<time datetime=\"2026-01-15T18:30:05Z\" title=\"America/New_York\">1/15/2026 1:30:05 PM UTC&#x2212;5</time>", writer.ToString());
    }

    [Theory]
    [InlineData("Europe/Berlin", true)]
    [InlineData("UTC", true)]
    [InlineData("W. Europe Standard Time", false)]
    [InlineData("Mars/Olympus_Mons", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_IANA_zone_ids_are_accepted(string? id, bool known) => Assert.Equal(known, TimeZones.IsKnown(id));

    [Fact]
    public void The_choosable_zones_have_region_names_and_include_UTC()
    {
        Assert.Contains(TimeZones.All, zone => zone.Id == "UTC");
        Assert.Contains(TimeZones.All, zone => zone.Id == "Europe/Berlin");
        Assert.DoesNotContain(TimeZones.All, zone => zone.Id.StartsWith("Etc/", StringComparison.Ordinal));
    }

    private static ViewerTime TimeIn(string zone)
    {
        var time = new ViewerTime();
        time.Use(TimeZones.Find(zone)!, TimeZoneInfo.Utc);
        return time;
    }
}
