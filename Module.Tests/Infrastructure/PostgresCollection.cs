namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// Lets test classes marked <c>[Collection(PostgresCollection.Name)]</c> share one server,
/// because starting PostgreSQL takes seconds while a fresh database per test takes milliseconds.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
