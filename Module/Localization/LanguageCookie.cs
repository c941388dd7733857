using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;

namespace Commerce.Customers.Localization;

/// <summary>The language a visitor picked from the language menu, kept for a year.</summary>
public static class LanguageCookie
{
    public const string Name = "commerce.language";

    public static void Set(HttpResponse response, string culture) =>
        response.Cookies.Append(Name, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)), new CookieOptions
        {
            Expires = DateTimeOffset.UtcNow.AddYears(1),
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
        });
}
