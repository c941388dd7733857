namespace Commerce.Customers.Models;

/// <summary>
/// The site's single settings row. Its existence means set-up has completed, so a
/// crashed set-up (rolled back) leaves the site offering set-up again.
/// </summary>
public sealed class SiteSettings : IHasConcurrencyStamp
{
    public const int SingletonId = 1;
    public const int SiteNameMaxLength = 200;

    public int Id { get; set; } = SingletonId;
    public string SiteName { get; set; } = "";
    public DateTime SetupCompletedUtc { get; set; }

    /// <summary>Ids of the enabled features, as recipes' <c>feature</c> step set them.</summary>
    public List<string> EnabledFeatures { get; set; } = [];

    /// <summary>Feature settings sections (JSON object), keyed by section name, applied by the <c>settings</c> step.</summary>
    public string Properties { get; set; } = "{}";

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");
}
