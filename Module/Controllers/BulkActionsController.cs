using Commerce.Customers.Bulk;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Services;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Controllers;

/// <summary>
/// The Customers list's bulk bar: create logins, delete or export the ticked rows, or every
/// customer matching the filter. Export streams at once; the others are confirmed, then run as a
/// background job whose page shows the progress.
/// </summary>
[Route("admin/customers/bulk")]
[Authorize(Policy = nameof(Permissions.ViewCustomers))]
[RequireFeature(Manifest.CustomersFeatureId)]
public sealed class BulkActionsController(
    CustomersDbContext db,
    BulkJobService jobs,
    Commerce.Customers.Accounts.LoginAccessService access,
    CustomerCsvExport export,
    IAuthorizationService authorization,
    IStringLocalizer<BulkActionsController> S) : Controller
{
    [HttpPost("")]
    public async Task<IActionResult> Apply([FromForm] BulkRequest request, CancellationToken cancellationToken)
    {
        if (await RefuseAsync(request) is { } refused)
        {
            return refused;
        }

        if (request.Action == BulkRequest.Export)
        {
            if (request.IsAllMatching)
            {
                await export.WriteFilteredAsync(Response, Filter(request), cancellationToken);
            }
            else
            {
                await export.WriteSelectedAsync(Response, request.Ids, cancellationToken);
            }

            return new EmptyResult();
        }

        var selection = await SelectionAsync(request, cancellationToken);
        var count = await selection.Query(db).CountAsync(cancellationToken);
        return View("Confirm", new BulkConfirmViewModel { Request = request, Description = Describe(request, selection, count), Count = count });
    }

    [HttpPost("start")]
    public async Task<IActionResult> Start([FromForm] BulkRequest request, CancellationToken cancellationToken)
    {
        if (await RefuseAsync(request) is { } refused)
        {
            return refused;
        }

        if (request.Action == BulkRequest.Export)
        {
            return BadRequest(); // Export never needs confirming; the bulk bar streams it directly.
        }

        var selection = await SelectionAsync(request, cancellationToken);
        var count = await selection.Query(db).CountAsync(cancellationToken);
        if (request.Action == BulkRequest.DisableLogins && access.ReasonProblem(request.Reason) is { } problem)
        {
            return View("Confirm", new BulkConfirmViewModel { Request = request, Description = Describe(request, selection, count), Count = count, ReasonProblem = problem });
        }

        var job = await jobs.StartAsync(request.Kind, selection, count, request.Action == BulkRequest.Delete && request.DeleteLogins,
            request.Action == BulkRequest.DisableLogins ? request.Reason!.Trim() : null, User, cancellationToken);
        return RedirectToAction(nameof(BulkJobsController.Details), "BulkJobs", new { id = job.Id });
    }

    /// <summary>A bad request goes back to the list with the reason; a missing permission is a 403.</summary>
    private async Task<IActionResult?> RefuseAsync(BulkRequest request)
    {
        var permission = request.Action switch
        {
            BulkRequest.CreateLogins or BulkRequest.DisableLogins or BulkRequest.EnableLogins => Permissions.ManageCustomerLogins,
            BulkRequest.Delete => Permissions.ManageCustomers,
            BulkRequest.Export => Permissions.ViewCustomers,
            _ => null,
        };
        string? problem = null;
        if (permission is null)
        {
            problem = S["Choose a bulk action."];
        }
        else if (request.Scope is not ("selected" or "all"))
        {
            problem = S["Choose whether the action is for the selected customers or for all customers matching the filter."];
        }
        else if (!request.IsAllMatching && request.Ids.Count == 0)
        {
            problem = S["Select at least one customer, or choose all customers matching the filter."];
        }
        else if (!request.IsAllMatching && request.Ids.Count > BulkRequest.MaxSelectedIds)
        {
            problem = S["Select at most {0} customers, or choose all customers matching the filter.", BulkRequest.MaxSelectedIds];
        }

        if (problem is not null)
        {
            TempData.Error(problem);
            return Redirect(ListUrl(request));
        }

        return (await authorization.AuthorizeAsync(User, permission!.Name)).Succeeded ? null : Forbid();
    }

    private async Task<BulkSelection> SelectionAsync(BulkRequest request, CancellationToken cancellationToken)
    {
        // The selection is fixed now: customers created while the job runs are not part of it.
        var maxId = await db.Customers.MaxAsync(c => (int?)c.Id, cancellationToken) ?? 0;
        var filter = Filter(request);
        return request.IsAllMatching
            ? new BulkSelection(null, filter.Search, filter.Registered, maxId)
            : new BulkSelection(request.Ids.Distinct().ToList(), null, null, maxId);
    }

    private static CustomerListFilter Filter(BulkRequest request) =>
        new CustomerListQueryString { Q = request.Q, Registered = request.Registered }.ToFilter();

    private string Describe(BulkRequest request, BulkSelection selection, int count) =>
        BulkJobTitle.For(request.Kind, selection, count, request.DeleteLogins, S);

    private static string ListUrl(BulkRequest request)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(request.Q))
        {
            query.Add("q=" + Uri.EscapeDataString(request.Q));
        }

        if (!string.IsNullOrEmpty(request.Registered))
        {
            query.Add("registered=" + Uri.EscapeDataString(request.Registered));
        }

        return "/admin/customers" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
    }
}
