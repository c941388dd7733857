using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;

namespace Commerce.Customers.Localization;

/// <summary>The signed-in person's chosen language, from their sign-in cookie: it wins over the browser's.</summary>
public sealed class PersonalCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
        Task.FromResult(SupportedCultures.Match(httpContext.User.FindFirst(RegionalClaims.Culture)?.Value) is { } culture
            ? new ProviderCultureResult(culture)
            : null);
}
