using Commerce.Customers.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Commerce.Customers.Tests.Browser;

/// <summary>
/// The documentation's whole Login details flow with the keyboard alone: sign in, open Customers,
/// edit Apollo, Login details, Create login, Generate password through its dialog, type a password
/// while the meter (announced to screen readers) rises, and Save. Every step moves focus with Tab
/// and acts with Enter, and the focused control always shows a visible focus indicator.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class KeyboardLoginDetailsTests(ChromiumBrowser chromium) : IAsyncLifetime
{
    private const string Apollo = "apollo@creed.com";
    private SmtpTestServer _smtp = null!;
    private TestSite _site = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _site = await TestSite.StartAsync(new TestSiteOptions { UseKestrel = true, Smtp = _smtp });
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task The_login_details_flow_works_with_the_keyboard_alone_with_focus_always_visible()
    {
        var page = await chromium.NewPageAsync(_site.Secrets);
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.AcceptAsync();
        };

        await page.GotoAsync(new Uri(_site.RootUri, "/admin/login").ToString());
        await TabToAsync(page, "Email");
        await page.Keyboard.TypeAsync(TestSite.AdminEmail);
        await TabToAsync(page, "Password");
        await page.Keyboard.TypeAsync(TestSite.AdminPassword);
        await PressEnterAndWaitForPageAsync(page);
        Assert.True(page.Url.EndsWith("/admin/customers", StringComparison.Ordinal), await page.InnerTextAsync("main"));

        await ActivateAsync(page, "Customers");
        await ActivateAsync(page, $"Edit {Apollo}");
        await ActivateAsync(page, "Login details");
        Assert.EndsWith("/login-details", page.Url, StringComparison.Ordinal);

        await ActivateAsync(page, "Create login");
        await Assertions.Expect(page.Locator(".notice.success")).ToContainTextAsync("A login was created for apollo@creed.com.");
        await _smtp.WaitForAsync(1, TimeSpan.FromSeconds(20));

        await ActivateAsync(page, "Generate password");
        await Assertions.Expect(page.Locator(".notice.success")).ToContainTextAsync("A new password was generated and emailed");
        Assert.Contains(dialogs, message => message.Contains("Generate a new password for apollo@creed.com", StringComparison.Ordinal));
        await _smtp.WaitForAsync(2, TimeSpan.FromSeconds(20));

        await TabToAsync(page, "Password:");
        await page.Keyboard.TypeAsync("horse staple");
        await Assertions.Expect(page.Locator("#password-strength")).ToHaveAttributeAsync("data-level", "strong");
        var announced = page.Locator("#password-strength [aria-live], #password-strength[aria-live]").First;
        await Assertions.Expect(announced).ToContainTextAsync("strong");
        await TabToAsync(page, "Confirm password:");
        await page.Keyboard.TypeAsync("horse staple");
        await ActivateAsync(page, "Save");
        await Assertions.Expect(page.Locator(".notice.success")).ToContainTextAsync("The password was saved and emailed");
        Assert.Equal("horse staple", Emails.Password((await _smtp.WaitForAsync(3, TimeSpan.FromSeconds(20)))[2]));
        await page.CloseAsync();
    }

    /// <summary>Tabs to a link or button and presses Enter; each of them in this flow loads a page.</summary>
    private static async Task ActivateAsync(IPage page, string name)
    {
        await TabToAsync(page, name);
        await PressEnterAndWaitForPageAsync(page);
    }

    // Links load a page and posts answer with a redirect, often to the same address: wait until the
    // main frame has committed a new document and it has loaded.
    private static async Task PressEnterAndWaitForPageAsync(IPage page)
    {
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnNavigated(object? sender, IFrame frame)
        {
            if (frame == page.MainFrame)
            {
                committed.TrySetResult();
            }
        }

        page.FrameNavigated += OnNavigated;
        try
        {
            await page.Keyboard.PressAsync("Enter");
            await committed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            page.FrameNavigated -= OnNavigated;
        }

        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>Presses Tab until the focused control is called <paramref name="name"/>, checking that focus is visible on it.</summary>
    private static async Task TabToAsync(IPage page, string name)
    {
        var seen = new List<string>();
        for (var presses = 0; presses < 150; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<FocusedControl>(FocusedScript);
            seen.Add(focused.Name);
            if (string.Equals(focused.Name.Trim(), name, StringComparison.Ordinal))
            {
                Assert.True(focused.Visible, $"\"{name}\" has focus but no visible focus indicator (outline {focused.Outline}, box-shadow {focused.Shadow}).");
                return;
            }
        }

        Assert.Fail($"Tab never reached \"{name}\"; it visited: {string.Join(" | ", seen.Distinct())}");
    }

    public sealed class FocusedControl
    {
        public string Name { get; set; } = "";
        public bool Visible { get; set; }
        public string Outline { get; set; } = "";
        public string Shadow { get; set; } = "";
    }

    // The control's accessible name as a person hears it: aria-label, its label, or its text.
    private const string FocusedScript = """
        () => {
            const element = document.activeElement;
            if (!element || element === document.body) return { name: '', visible: false, outline: '', shadow: '' };
            const label = element.getAttribute('aria-label')
                || (element.labels && element.labels.length ? element.labels[0].textContent : null)
                || element.textContent || element.value || '';
            const style = getComputedStyle(element);
            const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
            const shadowed = style.boxShadow !== 'none';
            return { name: label.replace(/\s+/g, ' ').trim(), visible: element.matches(':focus-visible') && (outlined || shadowed), outline: `${style.outlineStyle} ${style.outlineWidth}`, shadow: style.boxShadow };
        }
        """;
}
