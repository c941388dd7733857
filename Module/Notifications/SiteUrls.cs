using Commerce.Customers.Models;
using Commerce.Customers.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Commerce.Customers.Notifications;

/// <summary>
/// Absolute addresses for emails, which are read outside the site. The base is, in order: the
/// configured <c>SiteBaseUrl</c>; the address the site was set up at; and only for a site that has
/// neither (set up unattended without <c>Setup:BaseUrl</c>), the current request's. A request's
/// Host header is the caller's to choose, so trusting it would let anyone have a password-reset
/// link mailed to a victim pointing at their own server.
/// </summary>
public sealed class SiteUrls(IHttpContextAccessor httpContextAccessor, SiteSettingsStore siteSettings, IOptions<EmailOptions> options)
{
    public async Task<string> BaseUrlAsync(CancellationToken cancellationToken = default)
    {
        if (await KnownAsync(cancellationToken) is { } known)
        {
            return known.Url;
        }

        var request = httpContextAccessor.HttpContext?.Request;
        return request is null ? "http://localhost" : OfRequest(request);
    }

    /// <summary>The address a request reached the site at: scheme, Host header and path base, all the caller's to choose.</summary>
    public static string OfRequest(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>The address links use and whether it is configured or kept; null while only each request can tell.</summary>
    public async Task<KnownSiteAddress?> KnownAsync(CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.SiteBaseUrl))
        {
            return new KnownSiteAddress(options.Value.SiteBaseUrl.TrimEnd('/'), IsConfigured: true);
        }

        return (await siteSettings.GetAsync(cancellationToken))?.BaseUrl is { Length: > 0 } kept
            ? new KnownSiteAddress(kept, IsConfigured: false)
            : null;
    }

    public string SignInUrl(string baseUrl) => baseUrl + options.Value.SignInPath;

    /// <summary>
    /// The set-password page with the user and token in the fragment: browsers never send a
    /// fragment to the server, so the token cannot end up in any request log.
    /// </summary>
    public Task<string> SetPasswordLinkAsync(string userId, string token, CancellationToken cancellationToken = default) =>
        LinkWithTokenAsync("/account/set-password", userId, token, cancellationToken);

    /// <summary>The confirm-email page, with the user and token in the fragment for the same reason.</summary>
    public Task<string> ConfirmEmailLinkAsync(string userId, string token, CancellationToken cancellationToken = default) =>
        LinkWithTokenAsync("/account/confirm-email", userId, token, cancellationToken);

    /// <summary>The page that confirms a new email address, with the user, the address and the token in the fragment.</summary>
    public Task<string> ChangeEmailLinkAsync(string userId, string newEmail, string token, CancellationToken cancellationToken = default) =>
        LinkWithTokenAsync("/account/email/confirm", userId, token, cancellationToken, $"&email={Uri.EscapeDataString(newEmail)}");

    /// <summary>The page where the previous address says an email change was not theirs, with the user, that address and the token.</summary>
    public Task<string> ReportEmailChangeLinkAsync(string userId, string formerEmail, string token, CancellationToken cancellationToken = default) =>
        LinkWithTokenAsync("/account/email/report", userId, token, cancellationToken, $"&email={Uri.EscapeDataString(formerEmail)}");

    // The token comes last: the dispatcher's leak check reads everything after "token=" as the secret.
    private async Task<string> LinkWithTokenAsync(string path, string userId, string token, CancellationToken cancellationToken, string more = "") =>
        $"{await BaseUrlAsync(cancellationToken)}{path}#user={Uri.EscapeDataString(userId)}{more}&token={Uri.EscapeDataString(token)}";

    /// <summary>An absolute http or https address, without a trailing slash, query or fragment; null if the value is not one.</summary>
    public static string? Normalize(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)
            || address.Length > SiteSettings.BaseUrlMaxLength
            || !Uri.TryCreate(address.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }
}

/// <param name="IsConfigured">From <c>CommerceCustomers:Email:SiteBaseUrl</c>; otherwise kept at set-up or at an administrator's first sign-in.</param>
public sealed record KnownSiteAddress(string Url, bool IsConfigured);
