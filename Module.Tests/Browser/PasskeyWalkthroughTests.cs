using System.Text.Json;
using Commerce.Customers.Models;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Commerce.Customers.Tests.Browser;

/// <summary>
/// Passkeys in real Chromium, with the DevTools protocol's virtual WebAuthn authenticator standing
/// in for a laptop's fingerprint reader: add a passkey, sign in with it without typing an email,
/// find that it never signs in another account, remove it, and find that it no longer works.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class PasskeyWalkthroughTests(ChromiumBrowser chromium) : IAsyncLifetime
{
    private const string Owner = "passkey-owner@example.com";
    private const string Other = "someone-else@example.com";
    private TestSite _site = null!;

    public async Task InitializeAsync()
    {
        _site = await TestSite.StartAsync(new TestSiteOptions { UseKestrel = true });
        await TestAccounts.CreateAsync(_site, Owner);
        await TestAccounts.CreateAsync(_site, Other);
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Add_a_passkey_sign_in_with_it_never_as_another_account_then_remove_it()
    {
        var page = await chromium.NewPageAsync(_site.Secrets);
        await AddVirtualAuthenticatorAsync(page);
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();

        // 1. Signed in with the password, add a passkey on the Security page (it asks for the password again).
        await SignInWithPasswordAsync(page, Owner);
        await page.GotoAsync(Url("/account/security"));
        await page.GetByLabel("Name of the new passkey").FillAsync("MacBook Touch ID");
        await page.GetByLabel("Your password").FillAsync(TestAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.success")).ToContainTextAsync("The passkey “MacBook Touch ID” was added.");
        await Assertions.Expect(page.Locator("#passkeys input[name=Name]")).ToHaveValueAsync("MacBook Touch ID");
        await Screenshot.SaveAsync(page, "security-passkeys");

        // 2. Signed out, the passkey alone signs in: no email typed.
        await page.Context.ClearCookiesAsync();
        await page.GotoAsync(Url("/account/login"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey" }).ClickAsync();
        await page.WaitForURLAsync("**/account");
        await Assertions.Expect(page.Locator("#account-email")).ToHaveTextAsync(Owner);

        // 3. Another account's email beside the owner's passkey signs in neither of them.
        await page.Context.ClearCookiesAsync();
        await page.GotoAsync(Url("/account/login"));
        await page.GetByLabel("Email").FillAsync(Other);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.error")).ToContainTextAsync("That passkey did not sign you in.");
        await page.GotoAsync(Url("/account"));
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));

        // 4. Removed, the passkey the device still holds signs in nobody.
        await SignInWithPasswordAsync(page, Owner);
        await page.GotoAsync(Url("/account/security"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.success")).ToContainTextAsync("was removed");
        await Assertions.Expect(page.Locator("#passkeys-empty")).ToBeVisibleAsync();
        await page.Context.ClearCookiesAsync();
        await page.GotoAsync(Url("/account/login"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.error")).ToContainTextAsync("That passkey did not sign you in.");

        var history = await _site.WithDbAsync(db => db.SignInEvents.Where(e => e.Method == SignInMethod.Passkey).OrderBy(e => e.Id).Select(e => e.Succeeded).ToListAsync());
        Assert.Equal([true, false], history);
        Assert.Equal(1, await _site.WithDbAsync(db => db.Notifications.CountAsync(n => n.RecipientEmail == Owner && n.Template == Commerce.Customers.Notifications.EmailTemplateDefinitions.PasskeyAdded)));
        await page.CloseAsync();
    }

    // WebAuthn needs a domain as the site's identity, and "localhost" is one (127.0.0.1 is not).
    private string Url(string path) => new UriBuilder(_site.RootUri) { Host = "localhost", Path = path }.Uri.ToString();

    private async Task SignInWithPasswordAsync(IPage page, string email)
    {
        await page.GotoAsync(Url("/account/login"));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(TestAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/account");
    }

    /// <summary>A platform authenticator that holds discoverable passkeys and verifies its user at once.</summary>
    private static async Task AddVirtualAuthenticatorAsync(IPage page)
    {
        var devtools = await page.Context.NewCDPSessionAsync(page);
        await devtools.SendAsync("WebAuthn.enable", new Dictionary<string, object> { ["enableUI"] = false });
        var added = await devtools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        Assert.True(added is JsonElement { ValueKind: JsonValueKind.Object } answer && answer.TryGetProperty("authenticatorId", out _));
    }
}
