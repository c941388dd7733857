using Microsoft.Playwright;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// A headless Chromium driven by Playwright. It uses the distribution's Chromium because
/// Playwright's own browser download is not reachable from the machines that run these tests.
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    public const string ExecutablePathVariable = "CHROMIUM_PATH";
    private const string DefaultExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser =>
        _browser ?? throw new InvalidOperationException("Chromium has not been launched.");

    public async Task InitializeAsync()
    {
        var executablePath = Environment.GetEnvironmentVariable(ExecutablePathVariable);
        if (string.IsNullOrWhiteSpace(executablePath))
        {
            executablePath = DefaultExecutablePath;
        }

        if (!File.Exists(executablePath))
        {
            throw new InvalidOperationException(
                $"Chromium not found at {executablePath}. Install it with: apt-get update && apt-get install -y chromium (test.sh does this when run as root).");
        }

        // Expectations retry until this long, for the same reason as the page timeouts below.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executablePath,
            Headless = true,
            Args =
            [
                // Root in a container has no usable sandbox.
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                // Keep the browser from reaching out to the network on its own.
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                // Containers often give /dev/shm only 64 MB, which crashes renderers.
                "--disable-dev-shm-usage",
            ],
        });
    }

    /// <summary>
    /// Opens a page in its own context so cookies and storage never leak between tests.
    /// Closing the page also closes its context.
    /// </summary>
    /// <param name="secrets">The site's secrets: every password field the page posts is added to them.</param>
    /// <param name="locale">The browser's language (its Accept-Language), such as "de-DE"; Chromium's default is en-US.</param>
    public async Task<IPage> NewPageAsync(SiteSecrets? secrets = null, string? locale = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            // The test host serves HTTPS with a development certificate the browser does not trust.
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        // Two cores run the whole suite in parallel; a page may wait on a busy server for a while.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        page.Close += (_, _) => _ = context.CloseAsync();
        if (secrets is not null)
        {
            page.Request += (_, request) => RecordPostedPasswords(request, secrets);
        }

        return page;
    }

    private static void RecordPostedPasswords(IRequest request, SiteSecrets secrets)
    {
        if (request.Method != "POST" || request.PostData is not { } body || request.Headers.GetValueOrDefault("content-type")?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) != true)
        {
            return;
        }

        var fields = System.Web.HttpUtility.ParseQueryString(body);
        secrets.AddFromForm(fields.AllKeys.Where(key => key is not null).Select(key => new KeyValuePair<string, string>(key!, fields[key] ?? "")));
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            await _browser.DisposeAsync();
            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;
    }
}

/// <summary>
/// Lets test classes marked <c>[Collection(ChromiumCollection.Name)]</c> share one browser process;
/// they take turns with each other and run beside the other test classes, within Playwright's
/// 30-second waits even on a loaded machine.
/// </summary>
[CollectionDefinition(Name)]
[LongRunning(226)]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumBrowser>
{
    public const string Name = "Chromium";
}
