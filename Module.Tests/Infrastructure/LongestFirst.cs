using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("Commerce.Customers.Tests.Infrastructure.LongestFirst", "Commerce.Customers.Tests")]

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// About how long a test class (or a collection, on its definition) takes in <c>./test.sh</c> on
/// two cores, in seconds, as the last full run measured it. <see cref="LongestFirst"/> starts the
/// longest first, so that they overlap with everything else instead of running alone at the end.
/// Mark a class that takes more than about twenty seconds; the figure only orders, it checks nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LongRunningAttribute(int seconds) : Attribute
{
    public int Seconds { get; } = seconds;
}

/// <summary>
/// Orders the test collections longest first (<see cref="LongRunningAttribute"/>), the rest in
/// xunit's own order after them. xunit starts four collections at a time in this order (see
/// xunit.runner.json), so a run ends soon after its share of the work rather than when a long
/// class that happened to start last ends: with the browser collection (one Chromium, its classes
/// in turn) started last, the run used to spend its final two and a half minutes on it alone.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    /// <summary>How xunit names the collection of a class that names no collection of its own.</summary>
    private const string ClassCollectionPrefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        new DefaultTestCollectionOrderer().OrderTestCollections(testCollections).OrderByDescending(Seconds).ToList();

    public static int Seconds(ITestCollection collection)
    {
        var type = collection.CollectionDefinition?.ToRuntimeType()
            ?? (collection.DisplayName.StartsWith(ClassCollectionPrefix, StringComparison.Ordinal)
                ? typeof(LongestFirst).Assembly.GetType(collection.DisplayName[ClassCollectionPrefix.Length..])
                : null);
        return type?.GetCustomAttribute<LongRunningAttribute>()?.Seconds ?? 0;
    }
}
