using System.Data.Common;

namespace Commerce.Customers.Benchmarks;

/// <summary>One row as the raw query reads it: the listed columns, plus the keyset values for the next page.</summary>
public sealed record RawRow(int Id, string? Company, string? LastName, string? FirstName, string? Email, object CreatedUtc, string? UserId);

/// <summary>
/// The list's queries written by hand and run through plain ADO.NET: the limit the product's
/// page cannot beat, since it must run the same query and then render the HTML around it.
/// </summary>
public sealed class RawListQueries(DbConnection connection)
{
    private const string Columns = "\"Id\", \"Company\", \"LastName\", \"FirstName\", \"Email\", \"CreatedUtc\", \"UserId\"";
    private const int PageRows = 51; // A page of 50, and one more to know there is a next page, as the product reads.

    public Task<List<RawRow>> ByLastNameAsync() =>
        ReadAsync($"SELECT {Columns} FROM \"Customers\" ORDER BY \"NormalizedLastName\", \"Id\" LIMIT {PageRows}");

    public Task<List<RawRow>> NewestFirstAsync(RawRow? after = null) => after is null
        ? ReadAsync($"SELECT {Columns} FROM \"Customers\" ORDER BY \"CreatedUtc\" DESC, \"Id\" DESC LIMIT {PageRows}")
        : ReadAsync(
            // The keyset form that bounds an index range scan (the product's form too); a bare OR would scan.
            $"SELECT {Columns} FROM \"Customers\" WHERE \"CreatedUtc\" <= @created AND (\"CreatedUtc\" < @created OR \"Id\" < @id) ORDER BY \"CreatedUtc\" DESC, \"Id\" DESC LIMIT {PageRows}",
            ("created", after.CreatedUtc), ("id", after.Id));

    /// <summary>The search box: name, email or company starting with the text, as an index range on each column.</summary>
    public Task<List<RawRow>> StartingWithAsync(string text)
    {
        var from = text.Trim().ToUpperInvariant();
        var below = string.Concat(from.AsSpan(0, from.Length - 1), [(char)(from[^1] + 1)]);
        return ReadAsync(
            $"""
            SELECT {Columns} FROM "Customers"
            WHERE ("NormalizedLastName" >= @from AND "NormalizedLastName" < @below) OR ("NormalizedFirstName" >= @from AND "NormalizedFirstName" < @below)
               OR ("NormalizedCompany" >= @from AND "NormalizedCompany" < @below) OR ("NormalizedEmail" >= @from AND "NormalizedEmail" < @below)
            ORDER BY "CreatedUtc" DESC, "Id" DESC LIMIT {PageRows}
            """,
            ("from", from), ("below", below));
    }

    private async Task<List<RawRow>> ReadAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        var rows = new List<RawRow>(PageRows);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new RawRow(
                reader.GetInt32(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetValue(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return rows;
    }
}
