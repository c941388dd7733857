using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Commerce.Customers.Data;

/// <summary>
/// Answers a request that failed because the database is unavailable for a while (stopped,
/// restarting, refusing connections; on SQLite, locked past the timeout) with 503 and a page
/// that says so. The usual error page cannot help here:
/// re-running the pipeline for it signs the user in again and draws the admin menu, both from the
/// database, so it failed too and the visitor got an empty 500.
/// </summary>
internal sealed class DatabaseOutageHandler(ILogger<DatabaseOutageHandler> logger) : IExceptionHandler
{
    public const string Message = "The site's database is unavailable just now, so nothing was saved. Try again in a minute.";

    // Self-contained on purpose: it needs nothing that reads the database.
    private static readonly string Page = $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>Service unavailable</title>
            <link rel="stylesheet" href="{WebUtility.HtmlEncode(ModuleAssets.Url("admin.css"))}" />
        </head>
        <body>
        <div class="shell">
        <main class="content">
        <h1>Sorry</h1>
        <p class="error-message" data-status="503">{WebUtility.HtmlEncode(Message)}</p>
        <p><a href="/admin">Back to the admin</a></p>
        </main>
        </div>
        </body>
        </html>
        """;

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
        await httpContext.Response.WriteAsync(Page, cancellationToken);
        return true;
    }

    /// <summary>
    /// Whether a database error, possibly wrapped by EF Core, is one that passes by itself: the
    /// providers mark refused or cut connections and a server shutting down as transient.
    /// </summary>
    public static bool IsOutage(Exception exception) =>
        ExceptionChain.Contains(exception, current => current is DbException { IsTransient: true });
}
