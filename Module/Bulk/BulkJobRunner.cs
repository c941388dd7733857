using System.Globalization;
using Commerce.Customers.Data;
using Commerce.Customers.Localization;
using Commerce.Customers.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Commerce.Customers.Bulk;

/// <summary>
/// Runs bulk jobs in the background on every node. A node claims a job with a lease and renews it
/// with every item; each item commits together with the job's progress and cursor, and only while
/// this node still holds the lease. So a node that dies leaves a job that another node resumes
/// after the last committed item: no customer is done twice, and none is skipped.
/// </summary>
internal sealed class BulkJobRunner(
    IServiceScopeFactory scopeFactory,
    BulkJobSignal signal,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<BulkJobRunner> logger) : BackgroundService
{
    private (long JobId, string Owner)? _interrupted;

    private IConfigurationSection Settings => configuration.GetSection($"{Startup.ConfigurationSection}:BulkJobs");
    private TimeSpan Lease => Settings.GetValue("LeaseDuration", TimeSpan.FromMinutes(1));
    private int BatchSize => Math.Clamp(Settings.GetValue("BatchSize", 50), 1, 1000);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Settings.GetValue("Enabled", true))
        {
            return;
        }

        var pollInterval = Settings.GetValue("PollInterval", TimeSpan.FromSeconds(5));
        while (!stoppingToken.IsCancellationRequested)
        {
            var ran = false;
            try
            {
                ran = await RunNextAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database may be briefly unreachable; the job and its cursor are safe in it.
                logger.LogWarning(exception, "The bulk job runner could not run; it will try again.");
            }

            if (!ran)
            {
                try
                {
                    await signal.WaitAsync(pollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <returns>Whether there was a job to run.</returns>
    internal async Task<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        // A job this node was running when the database went away is resumed under the same claim
        // as soon as the database answers again, rather than by anyone after its lease runs out.
        var claim = _interrupted ?? await ClaimNextAsync(cancellationToken);
        if (claim is null)
        {
            return false;
        }

        if (claim.Value.JobId == 0)
        {
            return true; // Another node took it; look again.
        }

        var (jobId, owner) = claim.Value;
        logger.LogInformation("Running bulk job {JobId}.", jobId);
        _interrupted = claim;
        while (await RunBatchAsync(jobId, owner, cancellationToken))
        {
        }

        _interrupted = null;
        return true;
    }

    /// <returns>Null if no job is waiting; a job id of 0 if another node claimed it first.</returns>
    private async Task<(long JobId, string Owner)?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        var owner = Guid.NewGuid().ToString("N");
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var candidate = await db.BulkJobs.AsNoTracking()
            .Where(job => job.Status == BulkJobStatus.Queued || (job.Status == BulkJobStatus.Running && job.LeaseExpiresUtc < now))
            .OrderBy(job => job.CreatedUtc).Select(job => (long?)job.Id).FirstOrDefaultAsync(cancellationToken);
        if (candidate is not { } id)
        {
            return null;
        }

        // Should the database take this update but lose the answer, the job is this node's all the
        // same: it is resumed under this claim next time (and left at once if the claim never landed).
        _interrupted = (id, owner);
        var claimed = await db.BulkJobs
            .Where(job => job.Id == id && (job.Status == BulkJobStatus.Queued || (job.Status == BulkJobStatus.Running && job.LeaseExpiresUtc < now)))
            .ExecuteUpdateAsync(set => set
                .SetProperty(job => job.Status, BulkJobStatus.Running)
                .SetProperty(job => job.LeaseOwner, owner)
                .SetProperty(job => job.LeaseExpiresUtc, now + Lease)
                .SetProperty(job => job.StartedUtc, job => job.StartedUtc ?? now), cancellationToken);
        if (claimed == 0)
        {
            _interrupted = null;
            return (0, owner);
        }

        return (id, owner);
    }

    /// <returns>Whether there may be more to do.</returns>
    private async Task<bool> RunBatchAsync(long jobId, string owner, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        var job = await db.BulkJobs.AsNoTracking().SingleAsync(j => j.Id == jobId, cancellationToken);
        if (job.LeaseOwner != owner)
        {
            return false;
        }

        if (job.CancelRequested)
        {
            await FinishAsync(db, job, owner, BulkJobStatus.Cancelled, cancellationToken);
            return false;
        }

        // The job's problems are read by whoever started it: written in their language.
        using var language = new CultureScope(await StarterCultureAsync(scope.ServiceProvider, db, job, cancellationToken));
        var handler = scope.ServiceProvider.GetServices<IBulkJobHandler>().Single(h => h.Kind == job.Kind);
        var S = scope.ServiceProvider.GetRequiredService<IStringLocalizer<BulkJobRunner>>();
        var items = await handler.NextItemsAsync(job, job.Cursor, BatchSize, cancellationToken);
        if (items.Count == 0)
        {
            await FinishAsync(db, job, owner, BulkJobStatus.Completed, cancellationToken);
            return false;
        }

        foreach (var item in items)
        {
            if (!await ProcessAsync(db, handler, S, job, owner, item, cancellationToken))
            {
                logger.LogWarning("Bulk job {JobId} was taken over by another node.", jobId);
                return false;
            }
        }

        return true;
    }

    /// <summary>The starter's chosen language, else the site's.</summary>
    private static async Task<CultureInfo> StarterCultureAsync(IServiceProvider services, CustomersDbContext db, BulkJob job, CancellationToken cancellationToken)
    {
        var chosen = job.CreatedByUserId is null ? null
            : await db.Users.AsNoTracking().Where(user => user.Id == job.CreatedByUserId).Select(user => user.Culture).SingleOrDefaultAsync(cancellationToken);
        var site = (await services.GetRequiredService<RegionalSettingsStore>().GetAsync(cancellationToken)).Culture;
        return CultureInfo.GetCultureInfo(SupportedCultures.Match(chosen) ?? SupportedCultures.Match(site) ?? SupportedCultures.English);
    }

    /// <summary>One item, its issue if any, and the job's progress, in one transaction. False if the lease was lost.</summary>
    private async Task<bool> ProcessAsync(CustomersDbContext db, IBulkJobHandler handler, IStringLocalizer S, BulkJob job, string owner, long item, CancellationToken cancellationToken)
    {
        BulkItemOutcome outcome;
        object? prepared = null;
        IDbContextTransaction? transaction = null;
        try
        {
            prepared = await handler.PrepareAsync(job, item, cancellationToken);
            transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            outcome = await handler.ProcessAsync(job, item, prepared, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !DatabaseOutageHandler.IsOutage(exception))
        {
            // The item's own work is rolled back and reported; the job moves on to the next one.
            // A lost database is not the item's fault: that propagates, and the item is done again
            // when the job resumes.
            logger.LogWarning(exception, "Item {Item} of bulk job {JobId} failed and was rolled back.", item, job.Id);
            if (transaction is not null)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                await transaction.DisposeAsync();
            }

            db.ChangeTracker.Clear();
            outcome = BulkItemOutcome.Refused($"#{item}", S["An unexpected error stopped this item; nothing of it was saved. The site log has the details."]);
            await db.Database.BeginTransactionAsync(cancellationToken);
        }

        return await CommitProgressAsync(db, job, owner, item, outcome, cancellationToken);
    }

    private async Task<bool> CommitProgressAsync(CustomersDbContext db, BulkJob job, string owner, long item, BulkItemOutcome outcome, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction!;
        try
        {
            if (!outcome.Succeeded)
            {
                var isImport = job.Kind == BulkJobKind.Import;
                db.BulkJobIssues.Add(BulkJobService.Issue(job.Id, isImport ? null : (int)item, isImport ? (int)item : null, outcome.Subject, outcome.Message ?? ""));
                await db.SaveChangesAsync(cancellationToken);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var succeeded = outcome.Succeeded ? 1 : 0;
            var progressed = await db.BulkJobs.Where(j => j.Id == job.Id && j.LeaseOwner == owner)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(j => j.Cursor, item)
                    .SetProperty(j => j.Processed, j => j.Processed + 1)
                    .SetProperty(j => j.Succeeded, j => j.Succeeded + succeeded)
                    .SetProperty(j => j.Failed, j => j.Failed + (1 - succeeded))
                    .SetProperty(j => j.LeaseExpiresUtc, now + Lease), cancellationToken);
            if (progressed == 0)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return false;
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        finally
        {
            await transaction.DisposeAsync();
            db.ChangeTracker.Clear();
        }
    }

    private async Task FinishAsync(CustomersDbContext db, BulkJob job, string owner, BulkJobStatus status, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.BulkJobs.Where(j => j.Id == job.Id && j.LeaseOwner == owner)
            .ExecuteUpdateAsync(set => set
                .SetProperty(j => j.Status, status)
                .SetProperty(j => j.FinishedUtc, now)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseExpiresUtc, (DateTime?)null)
                .SetProperty(j => j.Payload, (string?)null), cancellationToken);
        logger.LogInformation("Bulk job {JobId} {Status}.", job.Id, status);
    }
}
