using Commerce.Customers.Accounts;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// Host processes (<see cref="HostNode"/>) sharing one PostgreSQL database and one SMTP server.
/// An in-process <see cref="TestSite"/> sets the site up and then only looks at the database:
/// its own dispatcher and background jobs are off, so every email is the nodes' doing.
/// </summary>
public sealed class Farm : IAsyncDisposable
{
    private readonly List<HostNode> _nodes = [];

    private Farm(string connectionString, SmtpTestServer smtp, TestSite observer)
    {
        ConnectionString = connectionString;
        Smtp = smtp;
        Observer = observer;
    }

    public string ConnectionString { get; }

    public SmtpTestServer Smtp { get; }

    /// <summary>Reads and writes the shared database directly, for set-up and assertions.</summary>
    public TestSite Observer { get; }

    public static async Task<Farm> StartAsync(PostgresServer postgres, string name)
    {
        var connectionString = await postgres.CreateDatabaseAsync(name);
        var smtp = await SmtpTestServer.StartAsync();
        var observer = await TestSite.StartAsync(new TestSiteOptions
        {
            Provider = DatabaseProvider.PostgreSql,
            ConnectionString = connectionString,
            SetupRecipe = "blank",
            // Like the nodes, the real cost: an outage test relies on a job of password hashes taking seconds.
            ProductionPasswordHashing = true,
            // Its dispatcher is off; given the server, it reads the delivered emails for secrets when disposed.
            Smtp = smtp,
            Settings = new Dictionary<string, string>
            {
                ["CommerceCustomers:Email:Dispatcher:Enabled"] = "false",
                ["CommerceCustomers:Memberships:JobEnabled"] = "false",
                ["CommerceCustomers:BulkJobs:Enabled"] = "false",
            },
        });
        // The nodes' tests are about reliability, not sign-in: staff sign in with a password alone,
        // as on the demo site, though the blank recipe's new site would ask them for a second factor.
        await observer.WithDbAsync(async (db, services) =>
        {
            var store = services.GetRequiredService<CustomerAccountSettingsStore>();
            var accounts = await store.GetAsync();
            accounts.RequireStaffSecondFactor = false;
            await store.SetAsync(accounts);
            await db.SaveChangesAsync();
            return true;
        });
        return new Farm(connectionString, smtp, observer);
    }

    public async Task<HostNode> StartNodeAsync(string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        // As in production, the nodes share one certificate for the key ring that they share.
        var withCertificate = new Dictionary<string, string>(settings ?? new Dictionary<string, string>()) { [SharedKeyRingCertificate.Setting] = SharedKeyRingCertificate.Path };
        var node = await HostNode.StartAsync(name, ConnectionString, Smtp, Observer.Secrets, withCertificate);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Adds customers without logins, <c>customer{n}@reliability.test</c>, and returns their ids.</summary>
    public Task<IReadOnlyList<int>> AddCustomersAsync(int count) => Observer.WithDbAsync<IReadOnlyList<int>>(async db =>
    {
        var customers = Enumerable.Range(1, count)
            .Select(n => new Customer { FirstName = "Customer", LastName = $"Number {n}", Email = $"customer{n}@reliability.test", CreatedUtc = DateTime.UtcNow })
            .ToList();
        db.Customers.AddRange(customers);
        await db.SaveChangesAsync();
        return customers.Select(customer => customer.Id).ToList();
    });

    /// <summary>
    /// Queues <paramref name="count"/> "password changed" emails to the customers in turn, in one
    /// transaction, as the site's own actions do; returns their Message-Ids in queue order.
    /// </summary>
    public Task<List<string>> QueueEmailsAsync(IReadOnlyList<int> customerIds, int count) => Observer.WithDbAsync(async (db, services) =>
    {
        var notifications = services.GetRequiredService<ICustomerNotifications>();
        var customers = await db.Customers.Where(c => customerIds.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var customer = customers[i % customers.Count];
            ids.Add((await notifications.EnqueueAsync(EmailTemplateDefinitions.PasswordChanged, customer, customer.Email!, $"Queued-{i}-{Guid.NewGuid():N}")).MessageId);
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return ids;
    });

    public Task<Dictionary<int, string>> EmailsByIdAsync() =>
        Observer.WithDbAsync(db => db.Customers.AsNoTracking().ToDictionaryAsync(customer => customer.Id, customer => customer.Email!));

    /// <summary>The outbox, oldest first: the order in which the customer's emails were queued.</summary>
    public Task<List<Notification>> NotificationsAsync() =>
        Observer.WithDbAsync(db => db.Notifications.AsNoTracking().OrderBy(n => n.CreatedUtc).ThenBy(n => n.Id).ToListAsync());

    /// <summary>Stops the nodes, then proves no secret is in their output, nor (through the observer) in the database or its logs.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var node in _nodes)
            {
                await node.DisposeAsync();
            }

            foreach (var email in Smtp.Messages)
            {
                Observer.Secrets.AddFromEmail(email);
            }

            foreach (var node in _nodes)
            {
                Observer.Secrets.AssertNoneIn(string.Join('\n', node.Output), $"the output of node {node.Name}");
            }
        }
        finally
        {
            await Observer.DisposeAsync();
            await Smtp.DisposeAsync();
        }
    }
}
