namespace Commerce.Customers.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>Configuration section <c>CommerceCustomers:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "CommerceCustomers:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The connection string. For SQLite it defaults to <c>customers.db</c> in the data folder;
    /// PostgreSQL needs one.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where the site keeps its files (the SQLite database among them). Relative paths start at the content root.</summary>
    public string DataFolder { get; set; } = "App_Data";
}
