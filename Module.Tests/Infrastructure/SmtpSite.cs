namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// A demo site that delivers to a real SMTP server of its own, shared by a test class whose tests
/// each make the logins they change (<see cref="TestAccounts"/>), so one site serves them all.
/// </summary>
public class SmtpSite : IAsyncLifetime
{
    public SmtpTestServer Smtp { get; private set; } = null!;

    public TestSite Site { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Smtp = await SmtpTestServer.StartAsync();
        Site = await TestSite.StartAsync((await DatabaseAsync(new TestSiteOptions())) with
        {
            Smtp = Smtp,
            Settings = new Dictionary<string, string>
            {
                ["CommerceCustomers:Accounts:RequestsPerMinutePerIp"] = "1000",
                ["CommerceCustomers:Accounts:SessionRevalidationInterval"] = "00:00:00",
            },
        });
    }

    public async Task DisposeAsync()
    {
        await Site.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    /// <summary>SQLite in its own folder unless a derived fixture chooses another database.</summary>
    protected virtual Task<TestSiteOptions> DatabaseAsync(TestSiteOptions options) => Task.FromResult(options);
}

/// <summary>The same on a database of the shared PostgreSQL server.</summary>
public sealed class PostgresSmtpSite : SmtpSite
{
    protected override async Task<TestSiteOptions> DatabaseAsync(TestSiteOptions options) =>
        options with { Provider = Data.DatabaseProvider.PostgreSql, ConnectionString = await (await SharedPostgresServer.ServerAsync()).CreateDatabaseAsync("smtp") };
}
