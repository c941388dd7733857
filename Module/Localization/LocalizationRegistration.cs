using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Localization;

public static class LocalizationRegistration
{
    /// <summary>
    /// ASP.NET Core localization with one resource per assembly (ModuleText for the module), the
    /// supported cultures, and the order in which a request's language is chosen: the signed-in
    /// person's choice, then the language a visitor picked (cookie), then the browser's
    /// Accept-Language, then the site's.
    /// </summary>
    public static IServiceCollection AddCommerceLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Replace(ServiceDescriptor.Singleton<IStringLocalizerFactory, AssemblyResourceLocalizerFactory>());
        services.AddSingleton(LocalizationResource.For<ModuleText>());
        services.AddScoped<RegionalSettingsStore>();
        services.AddScoped<ViewerTime>();
        services.AddScoped<RegionalPreferences>();
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.Mvc.MvcOptions>, LocalizedBindingMessages>();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(SupportedCultures.English);
            options.SupportedCultures = [.. SupportedCultures.All];
            options.SupportedUICultures = [.. SupportedCultures.All];
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new PersonalCultureProvider(),
                new CookieRequestCultureProvider { CookieName = LanguageCookie.Name },
                new AcceptLanguageHeaderRequestCultureProvider(),
                new SiteCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>After authentication, so that a signed-in person's choice is known.</summary>
    public static IApplicationBuilder UseCommerceLocalization(this IApplicationBuilder app) =>
        app.UseRequestLocalization().UseMiddleware<ViewerRegionMiddleware>();
}
