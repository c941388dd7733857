using System.Data.Common;
using System.Globalization;
using Commerce.Customers.Benchmarks;
using Microsoft.Data.Sqlite;
using Npgsql;

// Every figure is a ratio measured side by side in this one run; absolute times are context.
var options = BenchOptions.Parse(args);
var table = new ResultTable();
var dataFolder = Path.Combine(Path.GetTempPath(), "commerce-bench-" + Guid.NewGuid().ToString("N")[..10]);
Directory.CreateDirectory(dataFolder);
Console.WriteLine($"Commerce.Customers benchmarks: {options.Size:N0} customers on {options.Provider}, data in {dataFolder}");
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");

var generated = await HostProcess.SetUpAndGenerateAsync(options, dataFolder, options.Size);
Console.WriteLine($"  Set up and generated {options.Size:N0} customers in {generated.TotalSeconds:0.0} s.");

await using (var host = await HostProcess.StartAsync(options, dataFolder))
using (var admin = await AdminSession.SignInAsync(host.Root))
{
    if (options.Runs("list"))
    {
        await using DbConnection connection = options.IsPostgres
            ? new NpgsqlConnection(options.PostgresConnectionString)
            : new SqliteConnection($"Data Source={Path.Combine(dataFolder, "customers.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await new ListBenchmarks(options, admin, new RawListQueries(connection), table).RunAsync();
    }

    if (options.Runs("export"))
    {
        await new ExportBenchmark(options, host, admin, table).RunAsync();
    }

    if (options.Runs("load"))
    {
        await new LoadBenchmark(options, host, admin, table).RunAsync();
    }
}

if (options.Runs("logins"))
{
    await new CreateLoginBenchmark(options, dataFolder, table).RunAsync();
}

if (options.Runs("dispatch"))
{
    await new DispatchBenchmark(options, dataFolder, table).RunAsync();
}

Console.WriteLine();
Console.WriteLine(table.ToMarkdown());
var missed = table.Results.Count(result => !result.Holds);
Console.WriteLine(missed == 0 ? "Every target holds." : $"{missed.ToString(CultureInfo.InvariantCulture)} target(s) missed.");
if (!options.IsPostgres)
{
    Directory.Delete(dataFolder, recursive: true);
}

return missed == 0 ? 0 : 1;
