using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Benchmarks;

/// <summary>
/// The module's services over the benchmark's database, without serving: for the parts measured
/// in-process (create login against the hasher, the dispatcher against raw MailKit).
/// </summary>
public sealed class InProcessSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessSite(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    public static InProcessSite Create(BenchOptions options, string dataFolder, IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["CommerceCustomers:Database:Provider"] = options.IsPostgres ? "PostgreSql" : "Sqlite",
            ["CommerceCustomers:Database:DataFolder"] = dataFolder,
            ["CommerceCustomers:Database:ConnectionString"] = options.PostgresConnectionString ?? "",
            ["CommerceCustomers:Email:PickupFolder"] = Path.Combine(dataFolder, "mail"),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddCommerceCustomers();
        return new InProcessSite(builder.Build());
    }

    public AsyncServiceScope CreateScope() => _app.Services.CreateAsyncScope();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
