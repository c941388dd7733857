namespace Commerce.Customers.ViewModels;

/// <summary>The Preferences page: a person's language and time zone; empty means "as the site says".</summary>
public sealed class PreferencesViewModel
{
    public string? Culture { get; set; }

    public string? TimeZone { get; set; }

    /// <summary>The site's values, named in the "Site default" choices.</summary>
    public string SiteCulture { get; set; } = "";

    public string SiteTimeZone { get; set; } = "";
}
