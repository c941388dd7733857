using System.Net;
using System.Text.RegularExpressions;
using Commerce.Customers.Tests.Infrastructure;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// Which language a page speaks: the signed-in person's own choice, else the language picked from
/// the language menu, else the browser's Accept-Language, else the site's; each one only where set.
/// </summary>
public sealed partial class LanguageChoiceTests : IAsyncLifetime
{
    private TestSite _site = null!;

    public async Task InitializeAsync() => _site = await TestSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Each_source_of_the_language_counts_only_where_nothing_before_it_is_set()
    {
        using var admin = await _site.AdminClientAsync();
        using (var first = _site.CreateSiteClient())
        {
            Assert.Equal("en", await LanguageOfAsync(first));
        }

        // The site's language, for a visitor who asks for nothing.
        using (var saved = await admin.PostFormAsync("/admin/settings/regional", [new("Culture", "de"), new("TimeZone", "UTC")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using var visitor = _site.CreateSiteClient();
        Assert.Equal("de", await LanguageOfAsync(visitor));

        // The browser's language wins over the site's; one the site does not speak is passed over.
        visitor.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR,fr;q=0.9,en;q=0.5");
        Assert.Equal("en", await LanguageOfAsync(visitor));

        // The language menu's choice wins over the browser's.
        using (var chosen = await visitor.PostFormAsync("/account/login", [new("culture", "de"), new("returnUrl", "/account/login")], "/language"))
        {
            Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        }

        Assert.Equal("de", await LanguageOfAsync(visitor));

        // A signed-in person's own choice wins over the menu's cookie and the browser.
        await TestAccounts.CreateAsync(_site, "polyglot@example.com");
        await visitor.SignInAsync("polyglot@example.com", TestAccounts.Password);
        using (var saved = await visitor.PostFormAsync("/account/preferences", [new("Culture", "en"), new("TimeZone", "")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal("en", await LanguageOfAsync(visitor, "/account"));
        Assert.Contains("My account", WebUtility.HtmlDecode(await visitor.GetPageAsync("/account")), StringComparison.Ordinal);
    }

    private static async Task<string> LanguageOfAsync(SiteClient client, string url = "/account/login") =>
        PageLanguage().Match(await client.GetPageAsync(url)).Groups[1].Value;

    [GeneratedRegex("<html lang=\"([a-z]+)\"")]
    private static partial Regex PageLanguage();
}
