namespace Commerce.Customers.Models;

/// <summary>
/// The site's single settings row. Its existence means set-up has completed, so a
/// crashed set-up (rolled back) leaves the site offering set-up again.
/// </summary>
public sealed class SiteSettings : IHasConcurrencyStamp
{
    public const int SingletonId = 1;
    public const int SiteNameMaxLength = 200;
    public const int BaseUrlMaxLength = 2048;

    public int Id { get; set; } = SingletonId;
    public string SiteName { get; set; } = "";
    public DateTime SetupCompletedUtc { get; set; }

    /// <summary>
    /// The site's public address, for links in emails: the address set-up was done at. Emails must
    /// not take it from the request that causes them, whose Host header anyone can forge (a
    /// forgot-password post with <c>Host: evil.example</c> would mail the victim a link there).
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>Ids of the enabled features, as recipes' <c>feature</c> step set them.</summary>
    public List<string> EnabledFeatures { get; set; } = [];

    /// <summary>Feature settings sections (JSON object), keyed by section name, applied by the <c>settings</c> step.</summary>
    public string Properties { get; set; } = "{}";

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");
}
