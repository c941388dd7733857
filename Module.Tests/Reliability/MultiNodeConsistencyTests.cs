using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Commerce.Customers.Tests.Reliability;

/// <summary>Issue 8, multi-node consistency: two Host processes on one database take mixed login actions at once.</summary>
[Collection(ReliabilityCollection.Name)]
public sealed class MultiNodeConsistencyTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Mixed_login_actions_on_two_nodes_give_one_user_per_customer_one_email_per_action_and_a_last_email_that_works()
    {
        var requests = ReliabilitySizes.MultiNodeRequests;
        // Few customers for many requests, so the same customer is hit again and again, often on both nodes at once.
        var customerCount = Math.Max(10, requests / 8);
        await using var farm = await Farm.StartAsync(postgres, "multinode");
        var customers = await farm.AddCustomersAsync(customerCount);
        HostNode[] nodes = [await farm.StartNodeAsync("a"), await farm.StartNodeAsync("b")];
        // Two admins per node, each with their own session.
        var admins = new List<SiteClient>();
        foreach (var node in nodes.Concat(nodes))
        {
            admins.Add(await node.AdminClientAsync());
        }

        var random = new Random(8);
        var plan = Enumerable.Range(0, requests)
            .Select(i => (Admin: admins[i % admins.Count], Customer: customers[random.Next(customers.Count)], Action: (LoginAction)random.Next(3)))
            .ToList();
        var statuses = new ConcurrentBag<HttpStatusCode>();
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (request, _) =>
            statuses.Add(await LoginActions.PostAsync(request.Admin, request.Customer, request.Action)));

        var serverErrors = statuses.Count(status => (int)status >= 500);
        var committed = statuses.Count(status => status == HttpStatusCode.Redirect);
        var queued = await farm.NotificationsAsync();
        var received = await farm.Smtp.WaitForAsync(queued.Count, TimeSpan.FromSeconds(120));
        // A message sent twice would arrive just after the others; give it the time to.
        await Task.Delay(TimeSpan.FromSeconds(3));
        received = farm.Smtp.Messages;
        var (duplicates, lost) = Deliveries.Tally(queued, received);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"multi-node: {requests} requests, {serverErrors} 500s, {committed} actions done, {statuses.Count - committed - serverErrors} refused, {received.Count} emails, {duplicates} duplicates, {lost} lost"));

        Assert.True(serverErrors == 0, "Server errors:\n" + string.Join("\n", nodes.Select(node => node.Problems())));
        Assert.Equal(requests, statuses.Count);
        // Every action that succeeded queued exactly one email and one audit row, and nothing else did.
        Assert.Equal(committed, queued.Count);
        var audits = await farm.Observer.WithDbAsync(db => db.LoginAudits.AsNoTracking().Where(a => a.CustomerId != null).ToListAsync());
        Assert.Equal(committed, audits.Count);
        Assert.Equal(queued.Select(n => n.Id).Order(), audits.Select(a => a.NotificationId!.Value).Order());
        Assert.Equal(0, duplicates);
        Assert.Equal(0, lost);
        Assert.Equal(queued.Count, received.Count);

        // At most one user per customer, and each registered customer's last email holds the password in effect.
        var emails = await farm.EmailsByIdAsync();
        var users = await farm.Observer.WithDbAsync(db => db.Users.AsNoTracking().Select(u => new { u.Id, u.NormalizedEmail }).ToListAsync());
        var links = await farm.Observer.WithDbAsync(db => db.Customers.AsNoTracking().Where(c => c.UserId != null).ToDictionaryAsync(c => c.Id, c => c.UserId!));
        foreach (var customer in customers)
        {
            Assert.True(users.Count(user => string.Equals(user.NormalizedEmail, emails[customer], StringComparison.OrdinalIgnoreCase)) <= 1, $"{emails[customer]} has more than one user.");
            // A customer has a login exactly when an email went to them: Create login was the first.
            Assert.Equal(links.ContainsKey(customer), queued.Any(notification => notification.CustomerId == customer));
        }

        using var visitor = nodes[1].CreateSiteClient();
        var wrongPasswords = await Deliveries.LastPasswordsThatFailAsync(visitor, customers, emails, queued, received);
        Assert.True(wrongPasswords.Count == 0, string.Join("\n", wrongPasswords));
        Assert.DoesNotContain(nodes, node => node.HasExited);
        // Both nodes read every password the other queued, through keys stored encrypted with the shared certificate.
        var keys = await farm.Observer.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(key => key.Xml!).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal));
        foreach (var admin in admins)
        {
            admin.Dispose();
        }
    }
}
