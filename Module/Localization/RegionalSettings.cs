namespace Commerce.Customers.Localization;

/// <summary>
/// The site's language and time zone, kept in the site settings under <c>Regional</c>: what a
/// visitor sees when neither their own choice nor their browser names a supported language, the
/// zone of every date and time unless a person chose their own, and the language of emails to a
/// customer who has none.
/// </summary>
public sealed class RegionalSettings
{
    public const string SectionName = "Regional";

    public string Culture { get; set; } = SupportedCultures.English;

    /// <summary>An IANA time zone id, such as <c>Europe/Berlin</c>.</summary>
    public string TimeZone { get; set; } = "UTC";

    public IEnumerable<string> Validate()
    {
        if (SupportedCultures.Match(Culture) is null || SupportedCultures.Match(Culture) != Culture)
        {
            yield return $"Culture must be one of {string.Join(", ", SupportedCultures.Names)}.";
        }

        if (!TimeZones.IsKnown(TimeZone))
        {
            yield return $"TimeZone must be an IANA time zone id such as Europe/Berlin or America/New_York, not '{TimeZone}'.";
        }
    }
}
