using Microsoft.AspNetCore.Http;

namespace Commerce.Customers.Localization;

/// <summary>Sets the request's <see cref="ViewerTime"/> zones: the signed-in person's choice, else the site's.</summary>
public sealed class ViewerRegionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ViewerTime time, RegionalSettingsStore regional)
    {
        var site = TimeZones.Find((await regional.GetAsync(context.RequestAborted)).TimeZone) ?? TimeZoneInfo.Utc;
        var own = TimeZones.Find(context.User.FindFirst(RegionalClaims.TimeZone)?.Value);
        time.Use(own ?? site, site);
        await next(context);
    }
}
