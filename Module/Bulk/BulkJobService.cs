using System.Security.Claims;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Bulk;

/// <summary>Starts, confirms and cancels bulk jobs; the runner does the work.</summary>
public sealed class BulkJobService(CustomersDbContext db, BulkJobSignal signal, TimeProvider clock)
{
    /// <summary>Queues a job over a selection of customers; <paramref name="total"/> is the caller's count of it, shown as the progress bar's end.</summary>
    /// <param name="payload">What the job's items need besides the selection: Disable logins' reason.</param>
    public async Task<BulkJob> StartAsync(BulkJobKind kind, BulkSelection selection, int total, bool deleteLogins, string? payload, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var job = New(kind, "", actor);
        job.Payload = payload;
        job.Status = BulkJobStatus.Queued;
        job.SelectionJson = selection.ToJson();
        job.DeleteLogins = deleteLogins;
        job.Total = total;
        db.BulkJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return job;
    }

    /// <summary>Stores an import and its dry run; nothing is imported until <see cref="ConfirmAsync"/>.</summary>
    public async Task<BulkJob> PrepareImportAsync(string csv, int lines, IReadOnlyList<ImportLineError> errors, string fileName, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var job = New(BulkJobKind.Import, fileName, actor);
        job.Status = BulkJobStatus.AwaitingConfirmation;
        job.Payload = csv;
        job.Total = lines;
        db.BulkJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        db.BulkJobIssues.AddRange(errors.Select(error => Issue(job.Id, null, error.Line, error.Subject, error.Message)));
        await db.SaveChangesAsync(cancellationToken);
        return job;
    }

    /// <summary>Starts a previewed import. The dry run's findings give way to the import's own, line by line.</summary>
    public async Task<bool> ConfirmAsync(long id, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var confirmed = await db.BulkJobs.Where(job => job.Id == id && job.Status == BulkJobStatus.AwaitingConfirmation)
            .ExecuteUpdateAsync(set => set.SetProperty(job => job.Status, BulkJobStatus.Queued), cancellationToken);
        if (confirmed == 0)
        {
            return false;
        }

        await db.BulkJobIssues.Where(issue => issue.JobId == id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return true;
    }

    /// <summary>
    /// Cancels a job. A previewed import is dropped with its file; a queued job never starts; a
    /// running one stops after the item in hand (what it already did stays done).
    /// </summary>
    public async Task<bool> CancelAsync(long id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var dropped = await db.BulkJobs.Where(job => job.Id == id && (job.Status == BulkJobStatus.AwaitingConfirmation || job.Status == BulkJobStatus.Queued))
            .ExecuteUpdateAsync(set => set.SetProperty(job => job.Status, BulkJobStatus.Cancelled).SetProperty(job => job.FinishedUtc, now).SetProperty(job => job.Payload, (string?)null), cancellationToken);
        if (dropped > 0)
        {
            return true;
        }

        return await db.BulkJobs.Where(job => job.Id == id && job.Status == BulkJobStatus.Running)
            .ExecuteUpdateAsync(set => set.SetProperty(job => job.CancelRequested, true), cancellationToken) > 0;
    }

    internal static BulkJobIssue Issue(long jobId, int? customerId, int? line, string subject, string message) => new()
    {
        JobId = jobId,
        CustomerId = customerId,
        Line = line,
        Subject = Truncate(subject, 300),
        Message = Truncate(message, BulkJobIssue.MessageMaxLength),
    };

    private BulkJob New(BulkJobKind kind, string description, ClaimsPrincipal actor) => new()
    {
        Kind = kind,
        Description = Truncate(description, BulkJob.DescriptionMaxLength),
        CreatedByUserId = actor.FindFirstValue(ClaimTypes.NameIdentifier),
        CreatedByName = actor.Identity?.Name ?? "unknown",
        CreatedUtc = clock.GetUtcNow().UtcDateTime,
    };

    private static string Truncate(string value, int maxLength) => value.Length <= maxLength ? value : value[..maxLength];
}
