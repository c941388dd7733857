using System.Data.Common;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// A claim is written before the dispatcher reads back what it claimed. If the database goes away
/// between the two, the dispatcher never learns which messages it holds; they must not wait out
/// the two-minute lease once the database returns.
/// </summary>
public sealed class NotificationClaimTests
{
    private const string Frank = "frank@martin.com";

    [Fact]
    public async Task A_claim_whose_read_back_fails_is_handed_back_before_the_next_batch_not_left_to_its_lease()
    {
        var fault = new FailsTheClaimsReadBackOnce();
        await using var site = await TestSite.StartAsync(new TestSiteOptions
        {
            Settings = new Dictionary<string, string> { ["CommerceCustomers:Email:Dispatcher:Enabled"] = "false" },
            Services = services => services.ConfigureDbContext<SqliteCustomersDbContext>(options => options.AddInterceptors(fault)),
        });
        var queued = await Outbox.EnqueueAsync(site, Frank, EmailTemplateDefinitions.PasswordChangedNotice, null);
        var dispatcher = site.Services.GetServices<IHostedService>().OfType<NotificationDispatcher>().Single();

        Exception? cutOff;
        using (site.Logs.Expecting(("Microsoft.EntityFrameworkCore.Database.Command", "FROM \"Notifications\""), ("Microsoft.EntityFrameworkCore.Query", "injected by the test")))
        {
            fault.Armed = true;
            cutOff = await Record.ExceptionAsync(() => dispatcher.DispatchBatchAsync(CancellationToken.None));
        }

        var afterCutOff = await Outbox.GetAsync(site, queued.Id);
        var claimedNext = await dispatcher.DispatchBatchAsync(CancellationToken.None);
        var sent = await Outbox.GetAsync(site, queued.Id);

        Assert.True(fault.Fired, "The fault never fired, so this run proves nothing.");
        Assert.NotNull(cutOff);
        Assert.Equal(NotificationStatus.Sending, afterCutOff.Status);
        Assert.Equal(1, claimedNext);
        Assert.Equal(NotificationStatus.Sent, sent.Status);
        // The cut-off claim handed back does not count as an attempt.
        Assert.Equal(1, sent.Attempts);
    }

    /// <summary>Throws, once armed, on the query that reads claimed messages back by their lease owner.</summary>
    private sealed class FailsTheClaimsReadBackOnce : DbCommandInterceptor
    {
        public volatile bool Armed;
        public volatile bool Fired;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Armed && command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
                && command.CommandText.Contains("\"Notifications\"", StringComparison.Ordinal)
                && command.CommandText.Contains("\"LeaseOwner\" = ", StringComparison.Ordinal))
            {
                Armed = false;
                Fired = true;
                throw new TimeoutException("The database went away (injected by the test).");
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
