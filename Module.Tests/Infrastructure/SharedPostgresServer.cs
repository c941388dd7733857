namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL server for every test class that asks for it (<c>IClassFixture&lt;SharedPostgresServer&gt;</c>),
/// started by the first and stopped when the test process ends. Each class works in databases of its
/// own (<see cref="PostgresServer.CreateDatabaseAsync"/>), so the classes run in parallel like the
/// SQLite ones, while starting a server, which takes seconds, happens once.
/// </summary>
/// <remarks>
/// The reliability tests stop their server for outages, so they keep a cluster of their own.
/// </remarks>
public sealed class SharedPostgresServer : IAsyncLifetime
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await Shared.Value;

    /// <summary>The shared server, for fixtures that are not test classes themselves.</summary>
    public static Task<PostgresServer> ServerAsync() => Shared.Value;

    /// <summary>An empty database of the shared server that no other test sees.</summary>
    public Task<string> CreateDatabaseAsync(string? prefix = null) => Server.CreateDatabaseAsync(prefix);

    /// <summary>Nothing to do: the server outlives each class, and its own exit handler and watchdog stop it with the process.</summary>
    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<PostgresServer> StartAsync()
    {
        var server = new PostgresServer();
        await server.InitializeAsync();
        return server;
    }
}
