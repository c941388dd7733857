using System.Globalization;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Commerce.Customers.Tests.Reliability;

/// <summary>Issue 8, node crash: a node dies by SIGKILL in the middle of dispatching, and the other finishes.</summary>
[Collection(ReliabilityCollection.Name)]
public sealed class NodeCrashTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task A_node_killed_while_dispatching_loses_nothing_and_duplicates_at_most_the_message_in_flight()
    {
        var count = ReliabilitySizes.CrashEmails;
        await using var farm = await Farm.StartAsync(postgres, "crash");
        // A dead node's claim frees after the lease; short here, so the survivor finishes promptly.
        var settings = new Dictionary<string, string>
        {
            ["CommerceCustomers:Email:Dispatcher:LeaseDuration"] = "00:00:05",
            ["CommerceCustomers:Email:Dispatcher:BatchSize"] = "20",
        };
        var victim = await farm.StartNodeAsync("victim", settings);
        var survivor = await farm.StartNodeAsync("survivor", settings);
        // About 10 ms a message keeps both nodes busy for seconds, so the kill lands mid-batch.
        farm.Smtp.AcceptDelay = TimeSpan.FromMilliseconds(10);
        var customerIds = await farm.AddCustomersAsync(10);

        var queued = await farm.QueueEmailsAsync(customerIds, count);

        var beforeKill = (await farm.Smtp.WaitForAsync(count * 2 / 5, TimeSpan.FromSeconds(120))).Count;
        await victim.KillAsync();
        var victimClaimed = victim.Output.Count(line => line.Contains("Claimed", StringComparison.Ordinal));

        await farm.Smtp.WaitForAsync(count, TimeSpan.FromSeconds(120));
        var sent = await WaitUntilAllSentAsync(farm, count);
        // The victim's unfinished batch is sent once its lease expires; a duplicate would arrive by then.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var received = farm.Smtp.Messages.Select(message => message.MessageId).ToList();
        var duplicated = received.GroupBy(id => id).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        var lost = queued.Except(received).Count();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"node crash: {count} emails queued, victim killed after {beforeKill} were delivered ({victimClaimed} batches claimed by it), {received.Count} delivered, {received.Count - received.Distinct().Count()} duplicates, {lost} lost"));

        Assert.True(victimClaimed > 0, "The victim never claimed a batch, so it was not killed while dispatching.");
        Assert.Equal(0, lost);
        Assert.Equal(count, sent);
        // Only the message whose send was in flight may arrive twice, and its copy has the same Message-Id.
        Assert.True(duplicated.Count <= 1, $"Duplicated: {string.Join(", ", duplicated)}");
        Assert.Equal(count + duplicated.Count, received.Count);
        Assert.Empty(received.Except(queued));
        Assert.False(survivor.HasExited, survivor.Problems());
    }

    [Fact]
    public async Task A_message_whose_send_was_in_flight_when_its_node_died_comes_again_once_with_the_same_Message_Id()
    {
        const int count = 3;
        await using var farm = await Farm.StartAsync(postgres, "inflight");
        var settings = new Dictionary<string, string> { ["CommerceCustomers:Email:Dispatcher:LeaseDuration"] = "00:00:05" };
        var queued = await farm.QueueEmailsAsync(await farm.AddCustomersAsync(count), count);

        // The server holds the first message for a while before it answers, and the node dies
        // waiting for that answer: the message is delivered, but the node never learns it was.
        farm.Smtp.AcceptDelay = TimeSpan.FromSeconds(5);
        var arriving = farm.Smtp.NextArrivalAsync();
        var victim = await farm.StartNodeAsync("victim", settings);
        await arriving.WaitAsync(TimeSpan.FromSeconds(60));
        await victim.KillAsync();
        farm.Smtp.AcceptDelay = TimeSpan.Zero;
        var survivor = await farm.StartNodeAsync("survivor", settings);

        await farm.Smtp.WaitForAsync(count + 1, TimeSpan.FromSeconds(60));
        var sent = await WaitUntilAllSentAsync(farm, count);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var received = farm.Smtp.Messages;
        var duplicated = received.GroupBy(message => message.MessageId).Where(group => group.Count() > 1).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"in-flight crash: {count} emails queued, victim killed mid-send, {received.Count} delivered, {duplicated.Count} duplicated ({string.Join(", ", duplicated.Select(group => $"{group.Key} × {group.Count()}"))}), {sent} marked sent"));

        // Exactly the one in flight came twice, and the copy is the same message: same Message-Id, recipient and subject.
        var copies = Assert.Single(duplicated).ToList();
        Assert.Equal(2, copies.Count);
        Assert.Equal((copies[0].To.Single(), copies[0].Subject), (copies[1].To.Single(), copies[1].Subject));
        Assert.Equal(count + 1, received.Count);
        Assert.Equal(queued.Order(), received.Select(message => message.MessageId).Distinct().Order());
        Assert.Equal(count, sent);
        Assert.False(survivor.HasExited, survivor.Problems());
    }

    private static async Task<int> WaitUntilAllSentAsync(Farm farm, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var sent = await farm.Observer.WithDbAsync(db => db.Notifications.CountAsync(n => n.Status == NotificationStatus.Sent));
            if (sent == count || DateTime.UtcNow > deadline)
            {
                return sent;
            }

            await Task.Delay(200);
        }
    }
}
