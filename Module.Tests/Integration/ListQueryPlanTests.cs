using System.Data.Common;
using System.Text.RegularExpressions;
using Commerce.Customers.Data;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// Every sort of the Customers list is answered by an index read in order, never by sorting the
/// whole table: at a million customers a sort costs seconds a page. The test reads the SQL the
/// list really ran from the site's log and asks the database for its plan.
/// </summary>
public abstract partial class ListQueryPlanTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestSite? _site;

    protected TestSite Site => _site!;

    protected abstract Task<TestSiteOptions> SiteOptionsAsync();

    /// <summary>The plan of <paramref name="sql"/>, one line per node.</summary>
    protected abstract Task<string> PlanAsync(DbConnection connection, string sql);

    /// <summary>Whether the plan sorts rows itself rather than reading them in order from an index.</summary>
    protected abstract bool Sorts(string plan);

    public async Task InitializeAsync() => _site = await TestSite.StartAsync(await SiteOptionsAsync());

    public async Task DisposeAsync()
    {
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("company")]
    [InlineData("lastname")]
    [InlineData("firstname")]
    [InlineData("email")]
    [InlineData("created")]
    [InlineData("registered")]
    public async Task Each_sort_of_the_list_reads_an_index_in_order_in_both_directions(string sort)
    {
        using var admin = await Site.AdminClientAsync();
        foreach (var direction in new[] { "asc", "desc" })
        {
            var logged = Site.Logs.Lines.Count;
            await admin.GetPageAsync($"/admin/customers?sort={sort}&dir={direction}");
            var sql = ListQuery(Site.Logs.Lines.Skip(logged));

            var plan = await Site.WithDbAsync(async db =>
            {
                await db.Database.OpenConnectionAsync();
                return await PlanAsync(db.Database.GetDbConnection(), sql);
            });
            output.WriteLine($"{sort} {direction}:\n{plan}\n");

            Assert.False(Sorts(plan), $"Sorting by {sort} {direction} sorts the table instead of reading an index:\n{plan}\n{sql}");
        }
    }

    /// <summary>One column of every row the command returns, a line each.</summary>
    protected static async Task<string> ColumnLinesAsync(DbCommand command, int column)
    {
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(column));
        }

        return string.Join('\n', lines);
    }

    /// <summary>The page query the list ran (it orders customers), with its row limit filled in.</summary>
    private static string ListQuery(IEnumerable<string> lines)
    {
        var command = lines.Last(line => line.Contains("Executed DbCommand", StringComparison.Ordinal)
            && line.Contains("FROM \"Customers\"", StringComparison.Ordinal) && line.Contains("ORDER BY", StringComparison.Ordinal));
        var sql = command[command.IndexOf("SELECT", StringComparison.Ordinal)..];
        // The first page's only parameter is the row limit (page size and one more, to see if there is a next page).
        return Parameter().Replace(sql, "51");
    }

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameter();
}

public sealed class SqliteListQueryPlanTests(ITestOutputHelper output) : ListQueryPlanTests(output)
{
    protected override Task<TestSiteOptions> SiteOptionsAsync() => Task.FromResult(new TestSiteOptions());

    protected override async Task<string> PlanAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        return await ColumnLinesAsync(command, column: 3);
    }

    protected override bool Sorts(string plan) => plan.Contains("TEMP B-TREE", StringComparison.Ordinal);
}

public sealed class PostgresListQueryPlanTests(SharedPostgresServer postgres, ITestOutputHelper output) : ListQueryPlanTests(output), IClassFixture<SharedPostgresServer>
{
    protected override async Task<TestSiteOptions> SiteOptionsAsync() =>
        new() { Provider = DatabaseProvider.PostgreSql, ConnectionString = await postgres.CreateDatabaseAsync("listplans") };

    protected override async Task<string> PlanAsync(DbConnection connection, string sql)
    {
        // A handful of demo rows would be read and sorted whole, which is cheapest at that size;
        // without those choices the planner shows whether an index can give the order.
        await using (var settings = connection.CreateCommand())
        {
            settings.CommandText = "SET enable_seqscan = off; SET enable_sort = off; SET enable_bitmapscan = off";
            await settings.ExecuteNonQueryAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN " + sql;
        return await ColumnLinesAsync(command, column: 0);
    }

    protected override bool Sorts(string plan) => plan.Contains("Sort Key", StringComparison.Ordinal);
}
