using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Localization;

/// <summary>The site's language: for a visitor who chose none and whose browser asks for no supported one.</summary>
public sealed class SiteCultureProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var regional = await httpContext.RequestServices.GetRequiredService<RegionalSettingsStore>().GetAsync(httpContext.RequestAborted);
        return SupportedCultures.Match(regional.Culture) is { } culture ? new ProviderCultureResult(culture) : null;
    }
}
