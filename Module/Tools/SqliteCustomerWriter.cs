using Microsoft.Data.Sqlite;

namespace Commerce.Customers.Tools;

/// <summary>
/// Inserts generated customers (and their logins) into SQLite with prepared commands, committing
/// every <see cref="BatchSize"/> rows: a million rows take about a minute, not hours.
/// </summary>
internal static class SqliteCustomerWriter
{
    private const int BatchSize = 50_000;

    public static async Task<int> WriteAsync(SqliteConnection connection, IEnumerable<GeneratedCustomer> customers, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var written = 0;
        using var enumerator = customers.GetEnumerator();
        var more = enumerator.MoveNext();
        while (more)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var insertUser = connection.CreateCommand();
            insertUser.Transaction = transaction;
            insertUser.CommandText = """
                INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "SecurityStamp", "ConcurrencyStamp",
                    "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "MustChangePassword")
                VALUES ($id, $email, $normalizedEmail, $email, $normalizedEmail, 1, $stamp, $stamp, 0, 0, 1, 0, 0)
                """;
            var userId = insertUser.Parameters.Add("$id", SqliteType.Text);
            var userEmail = insertUser.Parameters.Add("$email", SqliteType.Text);
            var userNormalizedEmail = insertUser.Parameters.Add("$normalizedEmail", SqliteType.Text);
            var userStamp = insertUser.Parameters.Add("$stamp", SqliteType.Text);

            await using var insertCustomer = connection.CreateCommand();
            insertCustomer.Transaction = transaction;
            insertCustomer.CommandText = """
                INSERT INTO "Customers" ("Company", "FirstName", "LastName", "Email", "Phone", "NormalizedCompany", "NormalizedFirstName", "NormalizedLastName",
                    "NormalizedEmail", "CreatedUtc", "UserId", "ConcurrencyStamp")
                VALUES ($company, $first, $last, $email, $phone, $nCompany, $nFirst, $nLast, $nEmail, $created, $userId, $stamp)
                """;
            var parameters = new[] { "$company", "$first", "$last", "$email", "$phone", "$nCompany", "$nFirst", "$nLast", "$nEmail", "$created", "$userId", "$stamp" }
                .Select(name => insertCustomer.Parameters.Add(name, SqliteType.Text)).ToArray();
            insertUser.Prepare();
            insertCustomer.Prepare();

            for (var inBatch = 0; more && inBatch < BatchSize; inBatch++, more = enumerator.MoveNext())
            {
                var customer = enumerator.Current;
                var normalizedEmail = Models.Customer.Normalize(customer.Email);
                if (customer.UserId is not null)
                {
                    userId.Value = customer.UserId;
                    userEmail.Value = customer.Email;
                    userNormalizedEmail.Value = normalizedEmail;
                    userStamp.Value = Guid.NewGuid().ToString("N");
                    await insertUser.ExecuteNonQueryAsync(cancellationToken);
                }

                object?[] values =
                [
                    customer.Company, customer.FirstName, customer.LastName, customer.Email, customer.Phone,
                    Models.Customer.Normalize(customer.Company), Models.Customer.Normalize(customer.FirstName), Models.Customer.Normalize(customer.LastName),
                    normalizedEmail, customer.CreatedUtc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture),
                    customer.UserId, Guid.NewGuid().ToString("N"),
                ];
                for (var i = 0; i < values.Length; i++)
                {
                    parameters[i].Value = values[i] ?? DBNull.Value;
                }

                await insertCustomer.ExecuteNonQueryAsync(cancellationToken);
                written++;
            }

            await transaction.CommitAsync(cancellationToken);
            progress?.Report(written);
        }

        return written;
    }
}
