using Commerce.Customers.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Commerce.Customers.Tools;

/// <summary>
/// Fills the configured database with generated customers by bulk insert, for load tests and the
/// benchmarks: <c>dotnet run --project Host -- --generate-customers 1000000 --registered-fraction 0.2</c>.
/// Generated logins have no password: they are registered, and sign in after a password reset.
/// </summary>
public sealed class CustomerGeneration(CustomersDbContext db, TimeProvider clock)
{
    public async Task<int> GenerateAsync(int count, double registeredFraction, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(registeredFraction, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(registeredFraction, 1);

        // Numbering continues after the largest id, so a second run adds new emails.
        var firstNumber = (await db.Customers.MaxAsync(c => (int?)c.Id, cancellationToken) ?? 0) + 1L;
        var customers = new CustomerGenerator().Generate(firstNumber, count, registeredFraction, clock.GetUtcNow().UtcDateTime);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return connection switch
            {
                SqliteConnection sqlite => await SqliteCustomerWriter.WriteAsync(sqlite, customers, progress, cancellationToken),
                NpgsqlConnection postgres => await PostgresCustomerWriter.WriteAsync(postgres, customers, progress, cancellationToken),
                _ => throw new NotSupportedException($"Generating customers is not supported on {connection.GetType().Name}."),
            };
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
