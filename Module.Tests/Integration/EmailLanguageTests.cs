using System.Net;
using Commerce.Customers.Localization;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Tests.Integration;

/// <summary>Emails go out in the customer's language, else the site's, through a real SMTP server on 127.0.0.1.</summary>
public sealed class EmailLanguageTests : IAsyncLifetime
{
    private const string Frank = "frank@martin.com";
    private const string John = "john@mcclane.com";
    private SmtpTestServer _smtp = null!;
    private TestSite _site = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _site = await TestSite.StartAsync(new TestSiteOptions { Smtp = _smtp });
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_German_customer_gets_German_and_one_without_a_language_gets_the_sites()
    {
        await SetCultureAsync(Frank, SupportedCultures.German);

        var german = await SendAsync(Frank, EmailTemplateDefinitions.PasswordChangedNotice);
        var english = await SendAsync(John, EmailTemplateDefinitions.PasswordChangedNotice);

        Assert.Equal("de", german.Culture);
        Assert.Equal("Ihr Passwort für Test shop wurde geändert", german.Subject);
        Assert.Equal("en", english.Culture);
        Assert.Equal("Your password for Test shop was changed", english.Subject);

        await SetSiteCultureAsync(SupportedCultures.German);
        await SetCultureAsync(Frank, SupportedCultures.English);
        Assert.Equal("Ihr Passwort für Test shop wurde geändert", (await SendAsync(John, EmailTemplateDefinitions.PasswordChangedNotice)).Subject);
        Assert.Equal("Your password for Test shop was changed", (await SendAsync(Frank, EmailTemplateDefinitions.PasswordChangedNotice)).Subject);
    }

    [Fact]
    public async Task An_administrators_version_applies_to_its_own_language_only()
    {
        await SetCultureAsync(Frank, SupportedCultures.German);
        await SaveTemplateAsync(SupportedCultures.English, "Edited English for {{ site.name }}");

        Assert.Equal("Ihr Passwort für Test shop wurde geändert", (await SendAsync(Frank, EmailTemplateDefinitions.PasswordChangedNotice)).Subject);
        Assert.Equal("Edited English for Test shop", (await SendAsync(John, EmailTemplateDefinitions.PasswordChangedNotice)).Subject);

        await SaveTemplateAsync(SupportedCultures.German, "Geänderter Betreff für {{ site.name }}");
        Assert.Equal("Geänderter Betreff für Test shop", (await SendAsync(Frank, EmailTemplateDefinitions.PasswordChangedNotice)).Subject);
        Assert.Equal("Edited English for Test shop", (await SendAsync(John, EmailTemplateDefinitions.PasswordChangedNotice)).Subject);
    }

    [Fact]
    public async Task A_language_the_module_ships_no_text_in_falls_back_to_English_the_administrators_first()
    {
        var shipped = await _site.WithDbAsync((_, services) => services.GetRequiredService<EmailTemplateStore>().GetAsync(EmailTemplateDefinitions.LoginCreated, "fr"));
        Assert.Equal("Your account at {{ site.name }}", shipped.Subject);

        await SaveTemplateAsync(SupportedCultures.English, "Edited English for {{ site.name }}");
        var edited = await _site.WithDbAsync((_, services) => services.GetRequiredService<EmailTemplateStore>().GetAsync(EmailTemplateDefinitions.PasswordChangedNotice, "fr"));
        Assert.Equal("Edited English for {{ site.name }}", edited.Subject);
        Assert.True(edited.IsCustomized);
    }

    [Fact]
    public async Task The_administrator_edits_and_resets_the_German_version_on_its_own_tab_and_an_unknown_language_is_not_found()
    {
        using var admin = await _site.AdminClientAsync();
        const string Url = "/admin/email-templates/PasswordChangedNotice";
        Assert.Contains("Ihr Passwort für {{ site.name }} wurde geändert", WebUtility.HtmlDecode(await admin.GetPageAsync(Url + "?language=de")), StringComparison.Ordinal);

        var definition = EmailTemplateDefinitions.Find(EmailTemplateDefinitions.PasswordChangedNotice)!;
        using var saved = await admin.PostFormAsync(Url + "?language=de", [new("Subject", "Geändert bei {{ site.name }}"), new("HtmlBody", definition.HtmlBody), new("TextBody", definition.TextBody), new("Submit", "save")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await _site.WithDbAsync(db => db.EmailTemplates.AsNoTracking().SingleAsync());
        Assert.Equal(("de", "Geändert bei {{ site.name }}"), (stored.Culture, stored.Subject));
        Assert.Contains("Your password for {{ site.name }} was changed", WebUtility.HtmlDecode(await admin.GetPageAsync(Url)), StringComparison.Ordinal);

        using var reset = await admin.PostFormAsync(Url + "?language=de", [], postUrl: Url + "/reset?language=de");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.False(await _site.WithDbAsync(db => db.EmailTemplates.AnyAsync()));

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(Url + "?language=xx")).StatusCode);
    }

    [Fact]
    public void Every_template_ships_in_German_with_the_same_variables_as_in_English()
    {
        foreach (var definition in EmailTemplateDefinitions.All)
        {
            var english = definition.DefaultIn(SupportedCultures.English)!;
            var german = Assert.IsType<EmailTemplateText>(definition.DefaultIn(SupportedCultures.German));
            Assert.Equal(Variables(english.Subject), Variables(german.Subject));
            Assert.Equal(Variables(english.HtmlBody), Variables(german.HtmlBody));
            Assert.Equal(Variables(english.TextBody), Variables(german.TextBody));
            Assert.True(EmailRenderer.TryParse(german.HtmlBody, out _) && EmailRenderer.TryParse(german.TextBody, out _), definition.Name);
        }
    }

    private static SortedSet<string> Variables(string liquid) =>
        new(System.Text.RegularExpressions.Regex.Matches(liquid, @"\{\{[^}]*\}\}").Select(match => match.Value), StringComparer.Ordinal);

    private async Task<Notification> SendAsync(string email, string template)
    {
        var queued = await Outbox.EnqueueAsync(_site, email, template, null);
        return await Outbox.WaitUntilAsync(_site, queued.Id, n => n.Status == NotificationStatus.Sent);
    }

    private Task SetCultureAsync(string email, string culture) =>
        _site.WithDbAsync(db => db.Customers.Where(c => c.Email == email).ExecuteUpdateAsync(set => set.SetProperty(c => c.Culture, culture)));

    private Task SetSiteCultureAsync(string culture) =>
        _site.WithDbAsync(async (db, services) =>
        {
            await services.GetRequiredService<RegionalSettingsStore>().SetAsync(new RegionalSettings { Culture = culture, TimeZone = "UTC" });
            return await db.SaveChangesAsync();
        });

    private Task SaveTemplateAsync(string culture, string subject) =>
        _site.WithDbAsync(async (_, services) =>
        {
            var definition = EmailTemplateDefinitions.Find(EmailTemplateDefinitions.PasswordChangedNotice)!;
            var errors = await services.GetRequiredService<EmailTemplateStore>().SaveAsync(definition.Name, culture, subject, definition.HtmlBody, definition.TextBody, "Test shop", "http://localhost", "admin");
            Assert.Empty(errors);
            return 0;
        });
}
