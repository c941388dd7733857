using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Data;

// Used only by `dotnet ef migrations add`, which needs each provider's context without a running site.
// Identity reads its schema version (3: with passkeys) from the site's options, so they are given here too.

internal static class DesignTimeIdentity
{
    public static readonly IServiceProvider Services = new ServiceCollection()
        .Configure<IdentityOptions>(options => options.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
        .BuildServiceProvider();
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCustomersDbContext>
{
    public SqliteCustomersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCustomersDbContext>().UseSqlite("Data Source=design.db").UseApplicationServiceProvider(DesignTimeIdentity.Services).Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCustomersDbContext>
{
    public PostgresCustomersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCustomersDbContext>().UseNpgsql("Host=localhost;Database=design").UseApplicationServiceProvider(DesignTimeIdentity.Services).Options);
}
