using System.Globalization;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// The sizes of the big tests: 1,000 customers for the bulk jobs and 300 generated cases for each
/// hostile form, query string, import and recipe. <c>COMMERCE_TEST_SCALE=N</c> multiplies them for a
/// longer run; nothing makes them smaller, so a quick run never passes for a full one.
/// </summary>
public static class TestScale
{
    public const string Variable = "COMMERCE_TEST_SCALE";

    public static int Factor { get; } =
        int.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.None, CultureInfo.InvariantCulture, out var factor) && factor > 1 ? factor : 1;

    public static int BulkCustomers => 1_000 * Factor;

    public static int HostileCases => 300 * Factor;
}
