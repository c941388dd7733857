using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Tests.Integration;

/// <summary>Two sites (nodes) dispatching from one PostgreSQL database to one SMTP server.</summary>
public sealed class PostgresMultiNodeDispatchTests(SharedPostgresServer postgres) : IAsyncLifetime, IClassFixture<SharedPostgresServer>
{
    private SmtpTestServer _smtp = null!;

    public async Task InitializeAsync() => _smtp = await SmtpTestServer.StartAsync();

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    [Fact]
    public async Task Two_dispatchers_on_one_database_deliver_500_messages_each_exactly_once()
    {
        const int count = 500;
        var database = await postgres.CreateDatabaseAsync("dispatch");
        // Small batches make the two nodes compete for rows many times over.
        var settings = new Dictionary<string, string> { ["CommerceCustomers:Email:Dispatcher:BatchSize"] = "10" };
        using var firstLogs = new CapturedLogs();
        using var secondLogs = new CapturedLogs();
        await using var first = await TestSite.StartAsync(new TestSiteOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = database, Smtp = _smtp, Settings = settings, Logs = firstLogs });
        await using var second = await TestSite.StartAsync(new TestSiteOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = database, Smtp = _smtp, Settings = settings, SetupRecipe = null, Logs = secondLogs });

        var messageIds = await first.WithDbAsync(async (db, services) =>
        {
            var notifications = services.GetRequiredService<ICustomerNotifications>();
            var customers = await db.Customers.ToListAsync();
            var ids = new List<string>();
            for (var i = 0; i < count; i++)
            {
                var customer = customers[i % customers.Count];
                var notification = await notifications.EnqueueAsync(EmailTemplateDefinitions.PasswordChanged, customer, customer.Email!, $"Pw-{i}-" + Guid.NewGuid().ToString("N")[..8]);
                ids.Add(notification.MessageId);
                if (i % 50 == 49)
                {
                    await db.SaveChangesAsync();
                }
            }

            return ids;
        });

        await _smtp.WaitForAsync(count, TimeSpan.FromSeconds(120));
        await Task.Delay(1500);

        var received = _smtp.Messages.Select(message => message.MessageId).ToList();
        Assert.Equal(count, received.Count);
        Assert.Equal(messageIds.Order(), received.Order());
        var states = await first.WithDbAsync(db => db.Notifications.GroupBy(n => n.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        Assert.Equal(count, Assert.Single(states, s => s.Key == NotificationStatus.Sent).Count);
        Assert.Equal(0, await first.WithDbAsync(db => db.Notifications.CountAsync(n => n.ProtectedSecret != null)));

        var errors = firstLogs.Lines.Concat(secondLogs.Lines)
            .Where(line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal))
            // EF reads the migrations history before creating it on a new database, and logs that expected failure.
            .Where(line => !line.Contains("__EFMigrationsHistory", StringComparison.Ordinal))
            .ToList();
        Assert.True(errors.Count == 0, string.Join("\n----\n", errors));

        // Both nodes really took part.
        Assert.Contains(firstLogs.Lines, line => line.Contains("Claimed", StringComparison.Ordinal));
        Assert.Contains(secondLogs.Lines, line => line.Contains("Claimed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_message_whose_claim_expired_is_taken_over_by_another_node()
    {
        var database = await postgres.CreateDatabaseAsync("takeover");
        await using var site = await TestSite.StartAsync(new TestSiteOptions
        {
            Provider = DatabaseProvider.PostgreSql,
            ConnectionString = database,
            Smtp = _smtp,
            Settings = new Dictionary<string, string> { ["CommerceCustomers:Email:Dispatcher:Enabled"] = "false" },
        });
        var queued = await Outbox.EnqueueAsync(site, "frank@martin.com", EmailTemplateDefinitions.PasswordChangedNotice, null);

        // A node claims the message and dies: its lease is left behind, already expired.
        var claimed = await site.WithDbAsync((db, services) => services.GetRequiredService<NotificationQueue>().ClaimAsync(NotificationQueue.NewClaimOwner(), 10, TimeSpan.FromMilliseconds(-1), CancellationToken.None));
        Assert.Equal(queued.Id, Assert.Single(claimed).Id);

        await using var survivor = await TestSite.StartAsync(new TestSiteOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = database, Smtp = _smtp, SetupRecipe = null });
        var received = Assert.Single(await _smtp.WaitForAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal(queued.MessageId, received.MessageId);
        var sent = await Outbox.WaitUntilAsync(survivor, queued.Id, n => n.Status == NotificationStatus.Sent);
        Assert.Equal(2, sent.Attempts);

        // The dead node's late report cannot overwrite the survivor's outcome.
        Assert.False(await site.WithDbAsync((db, services) => services.GetRequiredService<NotificationQueue>().MarkSentAsync(claimed[0], CancellationToken.None)));
    }
}
