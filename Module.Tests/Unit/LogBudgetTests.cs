using Commerce.Customers.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Commerce.Customers.Tests.Unit;

/// <summary>The log budget's own checks can fail: an error nobody expected, and a line after the site stopped.</summary>
public sealed class LogBudgetTests
{
    [Fact]
    public void An_error_no_test_expected_fails_the_site_and_an_expected_one_does_not()
    {
        using var logs = new CapturedLogs { Drill = true }.Expect("Outage.Expected", "connection refused");
        logs.SiteStarted("drill-site");
        var expected = logs.CreateLogger("Outage.Expected.Dispatcher");
        var unexpected = logs.CreateLogger("Commerce.Customers.Something");

        expected.LogError("The dispatcher failed: connection refused");
        logs.AssertNoUnexpectedErrors();
        expected.LogError("The dispatcher failed: disk full");
        unexpected.LogWarning("A warning is counted, never a failure.");

        var failure = Assert.ThrowsAny<Exception>(logs.AssertNoUnexpectedErrors);
        Assert.Contains("logged 1 error line(s) that no test expected", failure.Message, StringComparison.Ordinal);
        Assert.Contains("disk full", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, logs.Errors.Count);
    }

    [Fact]
    public void Anything_logged_after_the_site_stopped_is_a_leak()
    {
        using var logs = new CapturedLogs { Drill = true }.Expect("Commerce.Customers.Notifications");
        var dispatcher = logs.CreateLogger("Commerce.Customers.Notifications.NotificationDispatcher");
        logs.SiteStarted("drill-site");
        dispatcher.LogWarning("Retrying while the site runs.");
        logs.AssertNoUnexpectedErrors();
        logs.SiteStopped();

        // Even an error category the test expected, and even a warning: a stopped site says nothing.
        dispatcher.LogWarning("unable to open database file");

        var failure = Assert.ThrowsAny<Exception>(logs.AssertNoUnexpectedErrors);
        Assert.Contains("unable to open database file", failure.Message, StringComparison.Ordinal);
    }
}
