using Microsoft.AspNetCore.Http;

namespace Commerce.Customers.Setup;

/// <summary>Sends every page request of a site that is not set up yet to the setup screen.</summary>
internal sealed class SetupRedirectMiddleware(RequestDelegate next, SetupState setupState)
{
    public const string SetupPath = "/setup";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var isAsset = path.StartsWithSegments("/_content") || path.StartsWithSegments("/favicon.ico") || path.StartsWithSegments("/error");
        if (!isAsset && !path.StartsWithSegments(SetupPath) && !await setupState.IsSetUpAsync(context.RequestAborted))
        {
            context.Response.Redirect(SetupPath);
            return;
        }

        await next(context);
    }
}
