using Microsoft.AspNetCore.Identity;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// Test sites hash passwords with Identity's own hasher and format, at a cost a test run can
/// afford: a production hash (100,000 PBKDF2-SHA512 iterations) takes about 70 ms of a core here,
/// and the suite signs in, registers and attacks password forms tens of thousands of times. What
/// those tests check (who may sign in, what is written, what is refused) does not depend on the
/// cost; the tests that do (sign-in and registration timing, the stored hashes) run on sites with
/// <see cref="TestSiteOptions.ProductionPasswordHashing"/>, whose audit demands the full cost.
/// This is Django's advice for its own test runs, for the same reason.
/// </summary>
public static class TestPasswordHashing
{
    public const int Iterations = 1_000;

    /// <summary>Identity's default, which the module never changes.</summary>
    public static int ProductionIterations { get; } = new PasswordHasherOptions().IterationCount;
}
