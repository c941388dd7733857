using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Customers.Data;

/// <summary>Creates the data folder and brings the database schema up to date with the provider's migrations.</summary>
internal static class DatabaseInitializer
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(DatabaseRegistration.DataFolderPath(options, services.GetRequiredService<IHostEnvironment>()));
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        await db.Database.MigrateQuietlyAsync(cancellationToken);

        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging lets readers (the list) proceed while a writer commits.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // Schemas of the site's other parts (a shop, say) that live in the same database.
        foreach (var migrator in scope.ServiceProvider.GetServices<IDatabaseMigrator>())
        {
            await migrator.MigrateAsync(db, cancellationToken);
        }

        scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer))
            .LogInformation("Database ready ({Provider}).", options.Provider);
    }
}
