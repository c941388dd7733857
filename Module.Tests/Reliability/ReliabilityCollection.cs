using Commerce.Customers.Tests.Infrastructure;

namespace Commerce.Customers.Tests.Reliability;

/// <summary>
/// The reliability tests take turns with each other (they share one PostgreSQL cluster of their
/// own, which the outage test stops) and run beside the other test classes. They mostly wait on
/// outages, leases and mail; their leases (five seconds at the shortest) are far longer than any
/// batch takes on a loaded machine, and the SMTP outage test stops only its own mail server, so it
/// has a class of its own on the shared server.
/// </summary>
[CollectionDefinition(Name)]
[LongRunning(166)]
public sealed class ReliabilityCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "Reliability";
}
