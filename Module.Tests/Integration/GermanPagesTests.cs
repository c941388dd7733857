using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// Every page of the product, rendered in German, shows no English: no word of the English
/// resources that German does not share appears in its text, its labels or its tooltips,
/// apart from the site's data (names, emails, roles, products) and what a person is editing.
/// </summary>
public sealed partial class GermanPagesTests : IAsyncLifetime
{
    private TestSite _site = null!;
    private IReadOnlyList<ProductPage> _pages = [];

    public async Task InitializeAsync()
    {
        _site = await TestSite.StartAsync();
        _pages = await ProductPages.PrepareAsync(_site);
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Every_page_in_German_shows_no_English_sentence()
    {
        var detector = new EnglishDetector(await DataWordsAsync());
        var problems = new List<string>();
        foreach (var group in _pages.GroupBy(page => page.Viewer))
        {
            using var client = await ProductPages.ClientForAsync(_site, group.Key);
            client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE,de;q=0.9");
            foreach (var page in group)
            {
                using var response = await client.GetAsync(page.Url);
                var html = await response.Content.ReadAsStringAsync();
                Assert.True(response.IsSuccessStatusCode || page.Url.StartsWith("/error/", StringComparison.Ordinal) || page.Url == "/admin/access-denied", $"{page.Url}: {(int)response.StatusCode}");
                Assert.Contains("lang=\"de\"", html, StringComparison.Ordinal);
                problems.AddRange(detector.EnglishIn(html).Select(found => $"{page.Viewer} {page.Url}: {found}"));
            }
        }

        Assert.True(_pages.Count >= 40, $"Only {_pages.Count} pages were found.");
        Assert.True(problems.Count == 0, $"{problems.Count} English texts on German pages:\n" + string.Join("\n", problems.Distinct().Take(300)));
    }

    /// <summary>Refusals are sentences too: each form is posted wrong in German and answers in German.</summary>
    [Fact]
    public async Task Every_refusal_in_German_shows_no_English_sentence()
    {
        var detector = new EnglishDetector(await DataWordsAsync());
        var frank = await _site.WithDbAsync(db => db.Customers.Where(c => c.Email == "frank@martin.com").Select(c => c.Id).SingleAsync());
        var cases = new (PageViewer Viewer, string Url, string German, Func<SiteClient, Task<HttpResponseMessage>> Post)[]
        {
            (PageViewer.Visitor, "/account/login", "E-Mail-Adresse oder Passwort ist falsch",
                client => client.PostFormAsync("/account/login", [new("Email", "nobody@example.com"), new("Password", "Wrong-Password-1")])),
            (PageViewer.Visitor, "/admin/login", "E-Mail-Adresse oder Passwort ist falsch",
                client => client.PostFormAsync("/admin/login", [new("Email", "nobody@example.com"), new("Password", "Wrong-Password-1")])),
            (PageViewer.Visitor, "/account/register", "Geben Sie einen Nachnamen oder eine Firma ein.",
                client => client.PostFormAsync("/account/register", [new("Email", "new@example.com"), new("Password", "Violet-Canoe-Thunder-42"), new("ConfirmPassword", "Violet-Canoe-Thunder-42")])),
            (PageViewer.Customer, "/account/change-password", "Geben Sie Ihr aktuelles Passwort ein.",
                client => client.PostFormAsync("/account/change-password", [new("CurrentPassword", ""), new("Password", "Violet-Canoe-Thunder-42"), new("ConfirmPassword", "Violet-Canoe-Thunder-42")])),
            (PageViewer.Customer, "/account/email", "Geben Sie Ihr aktuelles Passwort ein.",
                client => client.PostFormAsync("/account/email", [new("Email", "neu@example.com"), new("CurrentPassword", "")])),
            (PageViewer.Customer, "/account/email/confirm", "Dieser Link gehört zu einem anderen Konto.",
                client => client.PostFormAsync("/account/email/confirm", [new("User", "someone"), new("Email", "neu@example.com"), new("Token", "forged")])),
            (PageViewer.Visitor, "/account/email/report", "Dieser Link ist abgelaufen oder wurde bereits verwendet.",
                client => client.PostFormAsync("/account/email/report", [new("User", "someone"), new("Token", "forged")])),
            (PageViewer.Administrator, "/admin/customers/create", "Geben Sie einen Nachnamen oder eine Firma ein.",
                client => client.PostFormAsync("/admin/customers/create", [new("FirstName", "Nobody")])),
            (PageViewer.Administrator, "/admin/customers/import", "Die Spalte Last name kommt mehr als einmal vor.",
                client => client.PostFileAsync("/admin/customers/import", "file", "kunden.csv", System.Text.Encoding.UTF8.GetBytes("Last name,Last name\r\na,b\r\n"))),
            (PageViewer.Administrator, "/admin/settings/customer-accounts", "zwischen 1 und 720 Stunden",
                client => client.PostFormAsync("/admin/settings/customer-accounts", [new("LinkLifetimeHours", "1000"), new("MinimumPasswordStrength", "Average"), new("NotificationMode", "EmailPassword"), new("MembershipReminderDays", "7")])),
            (PageViewer.Administrator, $"/admin/customers/{frank}/login-details", "Passwörter müssen mindestens 8 Zeichen lang sein.",
                client => client.PostFormAsync($"/admin/customers/{frank}/login-details", [new("Action", "save"), new("Password", "Ab1!x"), new("ConfirmPassword", "Ab1!x")])),
        };

        var problems = new List<string>();
        foreach (var (viewer, url, german, post) in cases)
        {
            using var client = await ProductPages.ClientForAsync(_site, viewer);
            client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE,de;q=0.9");
            using var response = await post(client);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(System.Net.WebUtility.HtmlDecode(html).Contains(german, StringComparison.Ordinal), $"{url}: {(int)response.StatusCode}, no \"{german}\"");
            problems.AddRange(detector.EnglishIn(html).Select(found => $"{viewer} POST {url}: {found}"));
        }

        Assert.True(problems.Count == 0, $"{problems.Count} English texts in German refusals:\n" + string.Join("\n", problems.Distinct()));
    }

    [Fact]
    public void A_value_the_binder_cannot_read_is_refused_in_the_viewers_language()
    {
        var messages = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Mvc.MvcOptions>>(_site.Services).Value.ModelBindingMessageProvider;
        using (new Commerce.Customers.Localization.CultureScope(System.Globalization.CultureInfo.GetCultureInfo("de")))
        {
            Assert.Equal("Der Wert „abc“ ist für Betrag ungültig.", messages.AttemptedValueIsInvalidAccessor("abc", "Betrag"));
            Assert.Equal("Das Feld Betrag muss eine Zahl sein.", messages.ValueMustBeANumberAccessor("Betrag"));
        }

        using (new Commerce.Customers.Localization.CultureScope(System.Globalization.CultureInfo.GetCultureInfo("en")))
        {
            Assert.Equal("The value 'abc' is not valid for Amount.", messages.AttemptedValueIsInvalidAccessor("abc", "Amount"));
        }
    }

    [Fact]
    public void The_detector_finds_an_English_sentence_and_passes_German_and_data()
    {
        var detector = new EnglishDetector(["Apollo", "Creed"]);
        Assert.NotEmpty(detector.EnglishIn("<html><body><p>The customer was saved.</p></body></html>"));
        Assert.NotEmpty(detector.EnglishIn("<html><body><input placeholder=\"Search customers\"></body></html>"));
        Assert.Empty(detector.EnglishIn("<html><body><p>Der Kunde wurde gespeichert.</p><p>Apollo Creed</p><textarea>The customer</textarea><script>var customer;</script></body></html>"));
    }

    // Names, emails, companies, roles, products and the site's name are data, in whatever language they were typed.
    private Task<IReadOnlyCollection<string>> DataWordsAsync() =>
        _site.WithDbAsync<IReadOnlyCollection<string>>(async db =>
        {
            var texts = new List<string?>();
            texts.AddRange(await db.Customers.Select(c => c.FirstName + " " + c.LastName + " " + c.Company + " " + c.Email).ToListAsync());
            texts.AddRange(await db.Roles.Select(role => role.Name).ToListAsync());
            texts.AddRange(await db.Users.Select(user => user.UserName + " " + user.Email).ToListAsync());
            // Time zones are named by their IANA ids (America/Mexico_City), in no language.
            texts.AddRange(Commerce.Customers.Localization.TimeZones.All.Select(zone => zone.Id));
            // The pickup folder's path, which Email settings shows.
            texts.Add(_site.DataFolder);
            texts.AddRange(await db.SiteSettings.Select(settings => settings.SiteName).ToListAsync());
            texts.AddRange(await db.CustomerAddresses.Select(a => a.Name + " " + a.Line1 + " " + a.City).ToListAsync());
            texts.AddRange(await db.Database.SqlQueryRaw<string>("SELECT \"Name\" || ' ' || \"Description\" AS \"Value\" FROM \"ShopProducts\"").ToListAsync());
            return texts.SelectMany(text => EnglishDetector.Words(text ?? "")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        });

    /// <summary>Finds words that only English uses, from the sentences the resources translate.</summary>
    private sealed class EnglishDetector
    {
        // Kept in English on purpose: technical names a German admin reads as such.
        private static readonly string[] Terms = ["Liquid", "SMTP", "HTML", "Text", "Login", "Logins", "Recipe", "Email", "zxcvbn", "Commerce", "Pickup"];
        private readonly HashSet<string> _english;

        public EnglishDetector(IEnumerable<string> dataWords)
        {
            var resources = new[] { Path.Combine(SourceTree.Root, "Module", "Localization", "ModuleText.de.resx"), Path.Combine(SourceTree.Root, "Host", "Localization", "ShopText.de.resx") }
                .SelectMany(file => XDocument.Load(file).Root!.Elements("data"))
                .Select(data => (English: (string)data.Attribute("name")!, German: (string?)data.Element("value") ?? ""))
                .ToList();
            var german = resources.SelectMany(pair => Words(pair.German)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            _english = resources.SelectMany(pair => Words(pair.English))
                .Where(word => word.Length >= 4 && !german.Contains(word))
                .Concat(["the", "and", "with", "your", "this", "that", "have", "from", "customer", "customers", "password", "save", "cancel", "delete", "edit", "sign"])
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            _english.ExceptWith(dataWords);
            _english.ExceptWith(Terms);
        }

        public IEnumerable<string> EnglishIn(string html)
        {
            var document = new HtmlParser().ParseDocument(html);
            foreach (var skipped in document.QuerySelectorAll("script, style, textarea, [translate=no], code, pre").ToList())
            {
                skipped.Remove();
            }

            var texts = document.Body is null ? [] : TextNodes(document.Body).ToList();
            texts.AddRange(document.All.SelectMany(element => new[] { "placeholder", "title", "aria-label", "alt" }.Select(element.GetAttribute)).OfType<string>());
            texts.AddRange(document.QuerySelectorAll("input[type=submit], input[type=button]").Select(input => input.GetAttribute("value")).OfType<string>());
            texts.Add(document.Title ?? "");
            foreach (var text in texts.Select(text => WhiteSpace().Replace(text, " ").Trim()).Where(text => text.Length > 0))
            {
                var found = Words(text).FirstOrDefault(_english.Contains);
                if (found is not null)
                {
                    yield return $"\"{found}\" in \"{(text.Length > 160 ? text[..160] + "…" : text)}\"";
                }
            }
        }

        public static IEnumerable<string> Words(string text) =>
            Word().Matches(Placeholder().Replace(text, " ")).Select(match => match.Value);

        private static IEnumerable<string> TextNodes(INode node) =>
            node.NodeType == NodeType.Text ? [node.TextContent] : node.ChildNodes.SelectMany(TextNodes);
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
