using Commerce.Customers.Tests.Infrastructure;

namespace Commerce.Customers.Tests.Reliability;

/// <summary>
/// The reliability tests run alone, after the parallel collections, on their own PostgreSQL
/// cluster: they load the machine, kill processes and stop the database, which must neither slow
/// nor break anyone else's tests, and their leases and timeouts must not be slowed by others.
/// The SMTP outage test is the exception: it stops only its own mail server and mostly waits.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReliabilityCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "Reliability";
}
