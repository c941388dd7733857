using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Commerce.Customers.Security;

/// <summary>
/// Any answer to a signed-in request may hold someone's data (a customer's page, the admin, the
/// CSV export): it says <c>Cache-Control: no-store</c>, so neither the browser's cache on a shared
/// computer nor a proxy keeps it. Pages with a form already get it from antiforgery; this covers
/// the rest, downloads included. Module assets are served before authentication and stay cacheable.
/// </summary>
internal sealed class SignedInNoStoreMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (!headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase))
                {
                    headers.CacheControl = "no-store";
                    headers[HeaderNames.Pragma] = "no-cache";
                }

                return Task.CompletedTask;
            });
        }

        return next(context);
    }
}
