namespace Commerce.Customers.Notifications;

/// <summary>RFC 5322 Message-Ids for the site's emails: random, and in the site's own domain.</summary>
public static class MessageIds
{
    private const string FallbackDomain = "commerce.customers";

    /// <summary>A new id in the domain of the site's base address.</summary>
    public static string ForSite(string? baseUrl) =>
        New(Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host) ? uri.Host : FallbackDomain);

    /// <summary>A new id in the same domain as an earlier one (a resent copy).</summary>
    public static string LikeOf(string messageId)
    {
        var at = messageId.IndexOf('@', StringComparison.Ordinal);
        return New(at >= 0 && at < messageId.Length - 1 ? messageId[(at + 1)..] : FallbackDomain);
    }

    private static string New(string domain) => $"{Guid.NewGuid():N}@{domain}";
}
