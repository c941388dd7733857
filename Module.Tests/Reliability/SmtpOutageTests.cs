using System.Diagnostics;
using System.Globalization;
using System.Net;
using Commerce.Customers.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Commerce.Customers.Tests.Reliability;

/// <summary>Issue 8, SMTP outage: the mail server is down for a minute while admins keep working.</summary>
/// <remarks>
/// Only its own mail server goes down, and the minute is spent waiting, so unlike the other
/// reliability tests it runs beside the parallel tests, on the shared PostgreSQL server.
/// </remarks>
[LongRunning(83)]
public sealed class SmtpOutageTests(SharedPostgresServer postgres, ITestOutputHelper output) : IClassFixture<SharedPostgresServer>
{
    [Fact]
    public async Task While_the_mail_server_is_down_every_action_succeeds_and_every_email_arrives_once_it_returns()
    {
        var outage = ReliabilitySizes.SmtpOutage;
        await using var farm = await Farm.StartAsync(postgres.Server, "smtpoutage");
        var customers = await farm.AddCustomersAsync(10);
        // Retries keep coming through the whole outage, at most two seconds apart, so mail flows promptly once it ends.
        var node = await farm.StartNodeAsync("a", new Dictionary<string, string>
        {
            ["CommerceCustomers:Email:Dispatcher:RetryBaseDelay"] = "00:00:01",
            ["CommerceCustomers:Email:Dispatcher:RetryMaxDelay"] = "00:00:02",
            ["CommerceCustomers:Email:Dispatcher:MaxAttempts"] = "1000",
        });
        using var admin = await node.AdminClientAsync();

        await farm.Smtp.StopAsync();
        var down = Stopwatch.StartNew();
        var statuses = new List<HttpStatusCode>();
        var registered = new HashSet<int>();
        for (var i = 0; down.Elapsed < outage; i++)
        {
            // Each customer first gets a login, then new passwords, generated and typed by turns.
            var customer = customers[i % customers.Count];
            var action = registered.Add(customer) ? LoginAction.Create : (i / customers.Count % 2 == 0 ? LoginAction.Generate : LoginAction.Save);
            statuses.Add(await LoginActions.PostAsync(admin, customer, action));
            await Task.Delay(250);
        }

        var queued = await farm.NotificationsAsync();
        var deliveredDuringOutage = farm.Smtp.Messages.Count;
        await farm.Smtp.StartAgainAsync();
        var back = Stopwatch.StartNew();
        await farm.Smtp.WaitForAsync(queued.Count, TimeSpan.FromSeconds(120));
        var allArrivedAfter = back.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(3));
        var received = farm.Smtp.Messages;
        var failed = statuses.Count(status => status != HttpStatusCode.Redirect);
        var (duplicates, lost) = Deliveries.Tally(queued, received);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"smtp outage: {outage.TotalSeconds:0} s down, {statuses.Count} actions, {failed} failed, {queued.Count} emails queued, {received.Count} delivered within {allArrivedAfter.TotalSeconds:0.0} s of the server's return, {duplicates} duplicates, {lost} lost"));

        Assert.Equal(0, failed);
        Assert.Equal(0, deliveredDuringOutage);
        Assert.Equal(statuses.Count, queued.Count);
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicates);
        // The emails still say what is true: each customer's last one holds the password in effect.
        using var visitor = node.CreateSiteClient();
        var wrongPasswords = await Deliveries.LastPasswordsThatFailAsync(visitor, customers, await farm.EmailsByIdAsync(), queued, received);
        Assert.True(wrongPasswords.Count == 0, string.Join("\n", wrongPasswords));
    }
}
