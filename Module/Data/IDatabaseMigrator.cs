namespace Commerce.Customers.Data;

/// <summary>
/// Lets a host bring its own tables in the module's database up to date at start-up, after the
/// module's and before unattended set-up (whose recipe may seed them).
/// </summary>
public interface IDatabaseMigrator
{
    Task MigrateAsync(CustomersDbContext customers, CancellationToken cancellationToken);
}
