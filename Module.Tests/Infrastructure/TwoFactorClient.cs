using System.Net;
using System.Text.RegularExpressions;
using OtpNet;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>What a person with an authenticator app does: reads the key off the set-up page, and types the code their phone shows at a given time.</summary>
public static partial class TwoFactorClient
{
    /// <summary>Opens the set-up page and returns the key it shows, without spaces.</summary>
    public static async Task<string> SetupKeyAsync(SiteClient client)
    {
        var page = await client.GetPageAsync("/account/security/authenticator");
        var match = KeyPattern().Match(page);
        Assert.True(match.Success, "The set-up page shows no key.");
        return WebUtility.HtmlDecode(match.Groups[1].Value).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
    }

    public static string CodeAt(string key, DateTimeOffset time) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(time.UtcDateTime);

    /// <summary>Turns two-factor sign-in on with a code for <paramref name="time"/>; returns the key and the ten recovery codes shown.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnableAsync(SiteClient client, DateTimeOffset time)
    {
        var key = await SetupKeyAsync(client);
        using var enabled = await client.PostFormAsync("/account/security/authenticator", [new("Code", CodeAt(key, time))]);
        var page = await enabled.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var codes = RecoveryCodes(page);
        Assert.Equal(10, codes.Count);
        return (key, codes);
    }

    public static IReadOnlyList<string> RecoveryCodes(string page) =>
        Regex.Match(page, "<ul class=\"codes\" id=\"recovery-code-list\"[^>]*>(.*?)</ul>", RegexOptions.Singleline) is { Success: true } list
            ? CodePattern().Matches(list.Groups[1].Value).Select(m => m.Groups[1].Value).ToList()
            : [];

    /// <summary>Posts the password; the answer should send the browser to the code page.</summary>
    public static async Task<HttpResponseMessage> PasswordStepAsync(SiteClient client, string email, string password) =>
        await client.PostFormAsync("/account/login", [new("Email", email), new("Password", password)]);

    public static async Task<HttpResponseMessage> CodeStepAsync(SiteClient client, string code) =>
        await client.PostFormAsync("/account/two-factor?returnUrl=%2Faccount", [new("Code", code), new("ReturnUrl", "/account")], "/account/two-factor");

    public static async Task<HttpResponseMessage> RecoveryStepAsync(SiteClient client, string code) =>
        await client.PostFormAsync("/account/two-factor?returnUrl=%2Faccount", [new("RecoveryCode", code), new("ReturnUrl", "/account")], "/account/two-factor/recovery");

    [GeneratedRegex("<code id=\"authenticator-key\"[^>]*>([^<]+)</code>")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("<code>([^<]+)</code>")]
    private static partial Regex CodePattern();
}
