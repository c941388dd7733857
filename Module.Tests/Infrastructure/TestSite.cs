using Commerce.Customers.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>How a test site is stored and set up.</summary>
public sealed record TestSiteOptions
{
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>Required for PostgreSQL; SQLite uses a fresh file in a temp folder.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Recipe for unattended set-up; null leaves the site waiting on the setup screen.</summary>
    public string? SetupRecipe { get; init; } = "demo";

    public string? RecipesFolder { get; init; }

    /// <summary>Serve on a real Kestrel port (for the browser) instead of the in-memory test server.</summary>
    public bool UseKestrel { get; init; }

    /// <summary>Reuse a data folder (and keep it afterwards), to restart a site on the same SQLite file.</summary>
    public string? DataFolder { get; init; }

    /// <summary>Deliver email to this SMTP server instead of the pickup folder.</summary>
    public SmtpTestServer? Smtp { get; init; }

    /// <summary>Receives every log line at every level.</summary>
    public CapturedLogs? Logs { get; init; }

    /// <summary>The site's clock, such as a FakeTimeProvider that a test moves forward; the system clock if null.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>
    /// Identity's password hasher at its production cost (100,000 PBKDF2 iterations) rather than the
    /// test cost. Tests of timing and of the hashes themselves need it; see docs/testing.md.
    /// </summary>
    public bool ProductionPasswordHashing { get; init; }

    /// <summary>Any other configuration, such as <c>CommerceCustomers:Email:Dispatcher:MaxAttempts</c>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Services a test adds last, such as a fault at one exact point in a real database's conversation.</summary>
    public Action<IServiceCollection>? Services { get; init; }
}

/// <summary>
/// The real Host, started in the test process against its own database. With a setup recipe it is
/// set up unattended, exactly as <c>dotnet run -- --recipe ...</c> does.
/// </summary>
public sealed class TestSite : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "Admin-Passw0rd!";

    private readonly TestSiteOptions _options;
    private readonly string _dataFolder;
    private readonly IDisposable _running;
    private bool _started;

    public TestSite(TestSiteOptions? options = null)
    {
        _options = options ?? new TestSiteOptions();
        Logs = _options.Logs ?? new CapturedLogs();
        if (_options.SetupRecipe is not null)
        {
            Secrets.Add(AdminPassword);
        }
        _dataFolder = _options.DataFolder ?? Path.Combine(Path.GetTempPath(), "commerce-site-" + Guid.NewGuid().ToString("N")[..12]);
        Name = Path.GetFileName(_dataFolder) + "-" + Guid.NewGuid().ToString("N")[..4];
        _running = TestRun.Running("site", Name);
        Logs.SiteStarted(Name);
        if (_options.UseKestrel)
        {
            UseKestrel(0);
        }
    }

    public static async Task<TestSite> StartAsync(TestSiteOptions? options = null)
    {
        var site = new TestSite(options);
        await PreparedDatabases.FillAsync(site._options, site._dataFolder);
        if (site._options.UseKestrel)
        {
            site.StartServer();
        }
        else
        {
            // Creating the server runs Program: migrations and unattended set-up happen here (on a
            // prepared copy, they find nothing to do).
            _ = site.Server;
        }

        site._started = true;
        return site;
    }

    /// <summary>The Kestrel address, such as http://127.0.0.1:41234.</summary>
    public Uri RootUri => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));

    public string DataFolder => _dataFolder;

    /// <summary>A stored login-history sentence (see <see cref="Commerce.Customers.Localization.DeferredText"/>) as a reader in <paramref name="culture"/> sees it.</summary>
    public string ReadStoredText(string? stored, string culture = "en")
    {
        using var language = new Commerce.Customers.Localization.CultureScope(System.Globalization.CultureInfo.GetCultureInfo(culture));
        return Commerce.Customers.Localization.DeferredText.Read(stored, Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Commerce.Customers.Localization.DeferredText>>());
    }

    /// <summary>The site's name in the run's log record (see <see cref="TestRun"/>).</summary>
    public string Name { get; }

    /// <summary>Every line the site logged, at every level.</summary>
    public CapturedLogs Logs { get; }

    /// <summary>The passwords and tokens this site saw; none may be in its database or logs when it is disposed.</summary>
    public SiteSecrets Secrets { get; } = new();

    /// <summary>
    /// A browser-like client that keeps cookies and does not follow redirects, so tests see them.
    /// Each comes from an address of its own, as people on different machines do (see <see cref="ClientAddresses"/>).
    /// </summary>
    public SiteClient CreateSiteClient() =>
        new SiteClient(_options.UseKestrel ? KestrelClient() : CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }), Secrets)
            .From(ClientAddresses.Next());

    // A Kestrel site listens on a port of its own, which the factory's clients do not use as configured.
    private HttpClient KestrelClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator })
        {
            BaseAddress = RootUri,
        };

    /// <summary>A client signed in as the set-up administrator.</summary>
    public async Task<SiteClient> AdminClientAsync()
    {
        var client = CreateSiteClient();
        await client.SignInAsync(AdminEmail, AdminPassword);
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<CustomersDbContext, IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<CustomersDbContext>(), scope.ServiceProvider);
    }

    public Task<T> WithDbAsync<T>(Func<CustomersDbContext, Task<T>> action) => WithDbAsync((db, _) => action(db));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // The console shows warnings and errors only, so a test run's output stays readable.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("CommerceCustomers:Database:Provider", _options.Provider.ToString());
        builder.UseSetting("CommerceCustomers:Database:DataFolder", _dataFolder);
        builder.UseSetting("CommerceCustomers:Database:ConnectionString", _options.ConnectionString ?? "");
        if (_options.RecipesFolder is not null)
        {
            builder.UseSetting("CommerceCustomers:Recipes:Folder", _options.RecipesFolder);
        }

        // Tests wait for email in seconds, not in production's minutes.
        builder.UseSetting("CommerceCustomers:Email:Dispatcher:PollInterval", "00:00:00.200");
        builder.UseSetting("CommerceCustomers:Email:Dispatcher:RetryBaseDelay", "00:00:00.300");
        builder.UseSetting("CommerceCustomers:Email:Dispatcher:RetryMaxDelay", "00:00:01");
        builder.UseSetting("CommerceCustomers:BulkJobs:PollInterval", "00:00:00.200");
        if (_options.Smtp is { } smtp)
        {
            builder.UseSetting("CommerceCustomers:Email:Delivery", "Smtp");
            builder.UseSetting("CommerceCustomers:Email:Smtp:Host", smtp.Host);
            builder.UseSetting("CommerceCustomers:Email:Smtp:Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("CommerceCustomers:Email:Smtp:Security", "None");
            builder.UseSetting("CommerceCustomers:Email:Smtp:TimeoutSeconds", "5");
        }

        builder.UseSetting(SharedKeyRingCertificate.Setting, SharedKeyRingCertificate.Path);
        foreach (var (key, value) in _options.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ClientAddresses.FromHeader>().AddSingleton<IStartupFilter, RequestBodyLimit>());
        if (!_options.ProductionPasswordHashing)
        {
            builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(options => options.IterationCount = TestPasswordHashing.Iterations));
        }

        if (_options.Clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }

        if (_options.Services is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }

        // The site logs only to its captured lines, which hold its log budget; nothing reaches the
        // console unless no test expected it. A rule for the provider itself outranks appsettings'
        // category levels, so nothing is hidden from it.
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(Logs).AddFilter<CapturedLogs>(null, LogLevel.Trace));

        if (_options.SetupRecipe is not null)
        {
            builder.UseSetting("Setup:SiteName", "Test shop");
            builder.UseSetting("Setup:AdminEmail", AdminEmail);
            builder.UseSetting("Setup:AdminPassword", AdminPassword);
            builder.UseSetting("Setup:Recipe", _options.SetupRecipe);
        }
    }

    /// <summary>Stops the site, then proves that it logged no error its test did not expect, and that no secret it saw is in its database or logs (see <see cref="SiteSecrets"/>).</summary>
    public override async ValueTask DisposeAsync()
    {
        try
        {
            try
            {
                if (_started)
                {
                    await WithDbAsync(async db => { await SecretsAudit.AssertPasswordHashesAreIdentitysAsync(db, _options.ProductionPasswordHashing ? TestPasswordHashing.ProductionIterations : TestPasswordHashing.Iterations); return true; });
                }
            }
            finally
            {
                // Whatever the check found, the host and its background services stop before the
                // folder goes: a dispatcher left running against a deleted database retries for ever.
                await base.DisposeAsync();
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Logs.SiteStopped();
                _running.Dispose();
            }

            if (_started)
            {
                await AssertNoSecretLeftAsync();
            }

            Logs.AssertNoUnexpectedErrors();
        }
        finally
        {
            DeleteDataFolder();
            GC.SuppressFinalize(this);
        }
    }

    private async Task AssertNoSecretLeftAsync()
    {
        foreach (var email in _options.Smtp?.Messages ?? [])
        {
            Secrets.AddFromEmail(email);
        }

        Secrets.AddFromPickupFolder(Path.Combine(_dataFolder, "mail"));
        Secrets.AssertNoneIn(await SecretsAudit.DatabaseTextAsync(this, _options.Provider, _options.ConnectionString), "the database");
        Secrets.AssertNoneIn(Logs.AllText, "the logs");
    }

    private void DeleteDataFolder()
    {
        if (_options.DataFolder is not null)
        {
            return;
        }

        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
