using Npgsql;
using NpgsqlTypes;

namespace Commerce.Customers.Tools;

/// <summary>Loads generated customers (and their logins) into PostgreSQL with binary COPY, in batches.</summary>
internal static class PostgresCustomerWriter
{
    private const int BatchSize = 100_000;

    public static async Task<int> WriteAsync(NpgsqlConnection connection, IEnumerable<GeneratedCustomer> customers, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var batch in customers.Chunk(BatchSize))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Logins first: each registered customer points at its user.
            await using (var users = await connection.BeginBinaryImportAsync("""
                COPY "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "SecurityStamp", "ConcurrencyStamp",
                    "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "MustChangePassword") FROM STDIN (FORMAT BINARY)
                """, cancellationToken))
            {
                foreach (var customer in batch.Where(c => c.UserId is not null))
                {
                    var normalized = Models.Customer.Normalize(customer.Email);
                    var stamp = Guid.NewGuid().ToString("N");
                    await users.StartRowAsync(cancellationToken);
                    await users.WriteAsync(customer.UserId!, NpgsqlDbType.Text, cancellationToken);
                    await users.WriteAsync(customer.Email, NpgsqlDbType.Varchar, cancellationToken);
                    await users.WriteAsync(normalized, NpgsqlDbType.Varchar, cancellationToken);
                    await users.WriteAsync(customer.Email, NpgsqlDbType.Varchar, cancellationToken);
                    await users.WriteAsync(normalized, NpgsqlDbType.Varchar, cancellationToken);
                    await users.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
                    await users.WriteAsync(stamp, NpgsqlDbType.Text, cancellationToken);
                    await users.WriteAsync(stamp, NpgsqlDbType.Text, cancellationToken);
                    await users.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                    await users.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                    await users.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
                    await users.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
                    await users.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                }

                await users.CompleteAsync(cancellationToken);
            }

            await using (var rows = await connection.BeginBinaryImportAsync("""
                COPY "Customers" ("Company", "FirstName", "LastName", "Email", "Phone", "NormalizedCompany", "NormalizedFirstName", "NormalizedLastName",
                    "NormalizedEmail", "CreatedUtc", "UserId", "ConcurrencyStamp") FROM STDIN (FORMAT BINARY)
                """, cancellationToken))
            {
                foreach (var customer in batch)
                {
                    await rows.StartRowAsync(cancellationToken);
                    foreach (var text in new[] { customer.Company, customer.FirstName, customer.LastName, customer.Email, customer.Phone })
                    {
                        await WriteTextAsync(rows, text, cancellationToken);
                    }

                    foreach (var text in new[] { customer.Company, customer.FirstName, customer.LastName, customer.Email })
                    {
                        await rows.WriteAsync(Models.Customer.Normalize(text), NpgsqlDbType.Varchar, cancellationToken);
                    }

                    await rows.WriteAsync(DateTime.SpecifyKind(customer.CreatedUtc, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, cancellationToken);
                    await WriteTextAsync(rows, customer.UserId, cancellationToken);
                    await rows.WriteAsync(Guid.NewGuid().ToString("N"), NpgsqlDbType.Varchar, cancellationToken);
                }

                await rows.CompleteAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            written += batch.Length;
            progress?.Report(written);
        }

        return written;
    }

    private static async Task WriteTextAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await importer.WriteAsync(value, NpgsqlDbType.Varchar, cancellationToken);
        }
    }
}
