using System.Globalization;

namespace Commerce.Customers.Benchmarks;

/// <summary>The command line: <c>--size 1000000 --provider Sqlite|PostgreSql [--postgres "connection string"] [--only list,export,...]</c>.</summary>
public sealed record BenchOptions(int Size, string Provider, string? PostgresConnectionString, IReadOnlySet<string> Only, string RepositoryRoot, int Repetitions, int WrkSeconds)
{
    public static readonly string[] Sections = ["list", "export", "logins", "dispatch", "load"];

    public bool IsPostgres => string.Equals(Provider, "PostgreSql", StringComparison.OrdinalIgnoreCase);

    public bool Runs(string section) => Only.Count == 0 || Only.Contains(section);

    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(arg => arg != name).Skip(1).FirstOrDefault();
        var only = Value("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        var provider = Value("--provider") ?? "Sqlite";
        var options = new BenchOptions(
            int.Parse(Value("--size") ?? "100000", CultureInfo.InvariantCulture),
            provider,
            Value("--postgres"),
            only,
            Path.GetFullPath(Value("--repo") ?? FindRepositoryRoot()),
            int.Parse(Value("--repetitions") ?? "25", CultureInfo.InvariantCulture),
            int.Parse(Value("--wrk-seconds") ?? "30", CultureInfo.InvariantCulture));
        if (options.IsPostgres && string.IsNullOrEmpty(options.PostgresConnectionString))
        {
            throw new ArgumentException("--provider PostgreSql needs --postgres \"Host=...;Database=...\" (benchmarks/run.sh starts a server for you).");
        }

        return options;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Commerce.Customers.Module.sln")))
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
