namespace Commerce.Customers.Localization;

/// <summary>The sign-in cookie carries a person's language and zone, so no request queries them.</summary>
public static class RegionalClaims
{
    public const string Culture = "commerce_culture";
    public const string TimeZone = "commerce_time_zone";
}
