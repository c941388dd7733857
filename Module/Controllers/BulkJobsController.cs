using Commerce.Customers.Bulk;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Controllers;

/// <summary>Bulk jobs: their progress (read from the database, so it survives a reload), outcome and problems.</summary>
[Route("admin/customers/jobs")]
[Authorize(Policy = nameof(Permissions.ViewCustomers))]
[RequireFeature(Manifest.CustomersFeatureId)]
public sealed class BulkJobsController(
    CustomersDbContext db,
    BulkJobService jobs,
    ParsedImportCache parsedImports,
    IAuthorizationService authorization,
    IStringLocalizer<BulkJobsController> S) : Controller
{
    private const int IssuesShown = 500;
    private const int PreviewRows = 10;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var list = await db.BulkJobs.AsNoTracking().OrderByDescending(job => job.CreatedUtc).ThenByDescending(job => job.Id).Take(50)
            .Select(job => new BulkJob
            {
                Id = job.Id, Kind = job.Kind, Status = job.Status, Description = job.Description, SelectionJson = job.SelectionJson, DeleteLogins = job.DeleteLogins,
                CreatedByName = job.CreatedByName, CreatedUtc = job.CreatedUtc,
                FinishedUtc = job.FinishedUtc, Total = job.Total, Processed = job.Processed, Succeeded = job.Succeeded, Failed = job.Failed,
            })
            .ToListAsync(cancellationToken);
        list.ForEach(job => job.Description = BulkJobTitle.For(job, S));
        return View(list);
    }

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Details(long id, CancellationToken cancellationToken)
    {
        var job = await db.BulkJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null)
        {
            return NotFound();
        }

        job.Description = BulkJobTitle.For(job, S);
        var issues = db.BulkJobIssues.AsNoTracking().Where(issue => issue.JobId == id);
        var preview = job.Status == BulkJobStatus.AwaitingConfirmation ? parsedImports.Get(job).File : null;
        var issueList = await issues.OrderBy(issue => issue.Line).ThenBy(issue => issue.Id).Take(IssuesShown).ToListAsync(cancellationToken);
        var rejectedLines = issueList.Select(issue => issue.Line).ToHashSet();
        return View(new BulkJobViewModel
        {
            Job = job,
            Issues = issueList,
            IssueCount = await issues.CountAsync(cancellationToken),
            PreviewRows = preview?.Rows.Where(row => !rejectedLines.Contains(row.Line)).Take(PreviewRows).ToList() ?? [],
            IgnoredColumns = preview?.IgnoredColumns ?? [],
            CanAct = await MayActOnAsync(job.Kind),
        });
    }

    /// <summary>What the page polls while the job runs.</summary>
    [HttpGet("{id:long}/progress")]
    public async Task<IActionResult> Progress(long id, CancellationToken cancellationToken)
    {
        var job = await db.BulkJobs.AsNoTracking().Where(j => j.Id == id)
            .Select(j => new { j.Status, j.Total, j.Processed, j.Succeeded, j.Failed }).SingleOrDefaultAsync(cancellationToken);
        return job is null
            ? NotFound()
            : Json(new
            {
                status = job.Status.ToString(),
                job.Total,
                job.Processed,
                job.Succeeded,
                job.Failed,
                finished = job.Status is BulkJobStatus.Completed or BulkJobStatus.Cancelled or BulkJobStatus.Failed,
            });
    }

    [HttpPost("{id:long}/confirm")]
    [Authorize(Policy = nameof(Permissions.ManageCustomers))]
    public async Task<IActionResult> Confirm(long id, CancellationToken cancellationToken)
    {
        if (!await jobs.ConfirmAsync(id, cancellationToken))
        {
            TempData.Error(S["This import is no longer waiting to be confirmed."]);
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost("{id:long}/cancel")]
    public async Task<IActionResult> Cancel(long id, CancellationToken cancellationToken)
    {
        var job = await db.BulkJobs.AsNoTracking().Where(j => j.Id == id).Select(j => new { j.Kind, j.Status }).SingleOrDefaultAsync(cancellationToken);
        if (job is null)
        {
            return NotFound();
        }

        if (!await MayActOnAsync(job.Kind))
        {
            return Forbid();
        }

        if (await jobs.CancelAsync(id, cancellationToken))
        {
            TempData.Success(job.Status == BulkJobStatus.AwaitingConfirmation
                ? S["The import was cancelled. Nothing was imported, and the uploaded file was discarded."]
                : S["The job was cancelled. What it had already done stays done."]);
        }
        else
        {
            TempData.Error(S["The job has already finished."]);
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    private async Task<bool> MayActOnAsync(BulkJobKind kind) =>
        (await authorization.AuthorizeAsync(User, (kind is BulkJobKind.CreateLogins or BulkJobKind.DisableLogins or BulkJobKind.EnableLogins ? Permissions.ManageCustomerLogins : Permissions.ManageCustomers).Name)).Succeeded;
}
