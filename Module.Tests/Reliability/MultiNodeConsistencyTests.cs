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
        var duplicates = received.Count - received.Select(message => message.MessageId).Distinct().Count();
        var lost = queued.Count(notification => received.All(message => message.MessageId != notification.MessageId));
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
        using var visitor = nodes[1].CreateSiteClient();
        foreach (var customer in customers)
        {
            var email = emails[customer];
            Assert.True(users.Count(user => string.Equals(user.NormalizedEmail, email, StringComparison.OrdinalIgnoreCase)) <= 1, $"{email} has more than one user.");
            var last = queued.LastOrDefault(notification => notification.CustomerId == customer);
            if (last is null)
            {
                Assert.False(links.ContainsKey(customer), $"{email} has a login but no email.");
                continue;
            }

            Assert.True(links.ContainsKey(customer), $"{email} got an email but has no login.");
            var password = Emails.Password(received.Single(message => message.MessageId == last.MessageId));
            Assert.True(await LoginActions.SignsInAsync(visitor, email, password), $"The last email to {email} does not hold the password in effect.");
        }

        Assert.DoesNotContain(nodes, node => node.HasExited);
        foreach (var admin in admins)
        {
            admin.Dispose();
        }
    }
}
