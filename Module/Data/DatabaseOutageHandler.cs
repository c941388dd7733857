using System.Data.Common;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Commerce.Customers.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Commerce.Customers.Data;

/// <summary>
/// Answers a request that failed because the database is unavailable for a while (stopped,
/// restarting, refusing connections; on SQLite, locked past the timeout) with 503 and a page
/// that says so. The usual error page cannot help here:
/// re-running the pipeline for it signs the user in again and draws the admin menu, both from the
/// database, so it failed too and the visitor got an empty 500.
/// </summary>
internal sealed class DatabaseOutageHandler(ILogger<DatabaseOutageHandler> logger, IStringLocalizer<DatabaseOutageHandler> S) : IExceptionHandler
{
    // Self-contained on purpose: it needs nothing that reads the database, not even the site's
    // language; the request's language is the one already chosen, else the browser's.
    private string Page(HttpContext httpContext)
    {
        var culture = httpContext.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture
            ?? CultureInfo.GetCultureInfo(BrowserLanguage(httpContext.Request) ?? SupportedCultures.English);
        using var language = new CultureScope(culture);
        return $"""
            <!DOCTYPE html>
            <html lang="{culture.TwoLetterISOLanguageName}">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{WebUtility.HtmlEncode(S["Service unavailable"])}</title>
                <link rel="stylesheet" href="{WebUtility.HtmlEncode(ModuleAssets.Url("admin.css"))}" />
            </head>
            <body>
            <div class="shell">
            <main class="content">
            <h1>{WebUtility.HtmlEncode(S["Sorry"])}</h1>
            <p class="error-message" data-status="503">{WebUtility.HtmlEncode(S["The site's database is unavailable just now, so nothing was saved. Try again in a minute."])}</p>
            <p><a href="/admin">{WebUtility.HtmlEncode(S["Back to the admin"])}</a></p>
            </main>
            </div>
            </body>
            </html>
            """;
    }

    private static string? BrowserLanguage(HttpRequest request) =>
        request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(language => language.Quality ?? 1)
            .Select(language => SupportedCultures.Match(language.Value.Value))
            .FirstOrDefault(match => match is not null);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsOutage(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        logger.LogWarning("A request to {Path} failed because the database is unreachable: {Error}", httpContext.Request.Path, exception.GetBaseException().Message);
        httpContext.Response.Clear();
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "30";
        httpContext.Response.ContentType = "text/html; charset=utf-8";
        await httpContext.Response.WriteAsync(Page(httpContext), cancellationToken);
        return true;
    }

    /// <summary>
    /// Whether a database error, possibly wrapped by EF Core, is one that passes by itself: the
    /// providers mark refused or cut connections and a server shutting down as transient.
    /// </summary>
    public static bool IsOutage(Exception exception) =>
        ExceptionChain.Contains(exception, current => current is DbException { IsTransient: true });
}
