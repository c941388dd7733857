using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Commerce.Customers.Notifications;

/// <summary>Absolute addresses for emails, which are read outside the site: configured, or taken from the current request.</summary>
public sealed class SiteUrls(IHttpContextAccessor httpContextAccessor, IOptions<EmailOptions> options)
{
    public string BaseUrl
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(options.Value.SiteBaseUrl))
            {
                return options.Value.SiteBaseUrl.TrimEnd('/');
            }

            var request = httpContextAccessor.HttpContext?.Request;
            return request is null ? "http://localhost" : $"{request.Scheme}://{request.Host}{request.PathBase}";
        }
    }

    public string SignInUrl => BaseUrl + options.Value.SignInPath;

    /// <summary>
    /// The set-password page with the user and token in the fragment: browsers never send a
    /// fragment to the server, so the token cannot end up in any request log.
    /// </summary>
    public string SetPasswordLink(string userId, string token) =>
        $"{BaseUrl}/account/set-password#user={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}";
}
