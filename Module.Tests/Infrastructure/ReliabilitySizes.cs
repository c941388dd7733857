using System.Globalization;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// The sizes of the reliability tests. The defaults are issue 8's promises; environment variables
/// make a run bigger (<c>COMMERCE_RELIABILITY_SCALE</c> multiplies requests and emails) or, for a
/// quick local try, shorter outages.
/// </summary>
public static class ReliabilitySizes
{
    public static int Scale => Read("COMMERCE_RELIABILITY_SCALE", 1) * TestScale.Factor;

    public static int MultiNodeRequests => 200 * Scale;

    public static int CrashEmails => 500 * Scale;

    public static TimeSpan SmtpOutage => TimeSpan.FromSeconds(Read("COMMERCE_RELIABILITY_SMTP_OUTAGE_SECONDS", 60));

    public static TimeSpan DatabaseOutage => TimeSpan.FromSeconds(Read("COMMERCE_RELIABILITY_DB_OUTAGE_SECONDS", 10));

    private static int Read(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
