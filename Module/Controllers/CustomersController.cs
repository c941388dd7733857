using Commerce.Customers.Accounts;
using Commerce.Customers.Data;
using Commerce.Customers.Drivers;
using Commerce.Customers.Models;
using Commerce.Customers.Security;
using Commerce.Customers.Services;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using static Commerce.Customers.Localization.DeferredText;

namespace Commerce.Customers.Controllers;

/// <summary>The Customers application: the list, the tabbed editor, and delete.</summary>
[Route("admin/customers")]
[Authorize(Policy = nameof(Permissions.ViewCustomers))]
[RequireFeature(Manifest.CustomersFeatureId)]
public sealed class CustomersController(
    CustomersDbContext db,
    CustomerListQuery listQuery,
    CustomerCsvExport export,
    IEnumerable<CustomerDisplayDriver> drivers,
    IAuthorizationService authorization,
    UserManager<ShopUser> userManager,
    StaffBoundary boundary,
    TimeProvider clock,
    IStringLocalizer<CustomersController> S) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] CustomerListQueryString query, CancellationToken cancellationToken)
    {
        var filter = query.ToFilter();
        var page = await listQuery.ExecuteAsync(filter, cancellationToken);
        // One small query for the page's registered rows, not a join in the keyset-paged list query.
        var registered = page.Rows.Where(row => row.IsRegistered).Select(row => row.Id).ToList();
        var disabled = registered.Count == 0 ? [] : await (
            from customer in db.Customers
            where registered.Contains(customer.Id)
            join user in db.Users on customer.UserId equals user.Id
            where user.DisabledUtc != null
            select customer.Id).ToListAsync(cancellationToken);
        return View(new CustomerListViewModel { Filter = filter, Page = page, CanManage = await IsAllowedAsync(Permissions.ManageCustomers), DisabledLogins = disabled.ToHashSet() });
    }

    /// <summary>
    /// The list as CSV, with its current search and filter, in the list's order. Rows stream out
    /// page by page (keyset), so memory stays flat whatever the number of customers.
    /// </summary>
    [HttpGet("export")]
    public Task Export([FromQuery] CustomerListQueryString query, CancellationToken cancellationToken) =>
        export.WriteFilteredAsync(Response, query.ToFilter(), cancellationToken);

    [HttpGet("create")]
    [Authorize(Policy = nameof(Permissions.ManageCustomers))]
    public async Task<IActionResult> Create()
    {
        var customer = new Customer();
        var driver = CreateDrivers().First();
        return View("Edit", await EditorAsync(customer, driver, await driver.EditAsync(customer, new BuildEditorContext(isNew: true)), isNew: true));
    }

    [HttpPost("create")]
    [ActionName(nameof(Create))]
    [Authorize(Policy = nameof(Permissions.ManageCustomers))]
    public async Task<IActionResult> CreatePost(CancellationToken cancellationToken)
    {
        var customer = new Customer { CreatedUtc = clock.GetUtcNow().UtcDateTime };
        var updater = new ControllerModelUpdater(this);
        var context = new UpdateEditorContext(isNew: true, updater);
        var shapes = new List<EditorShape>();
        foreach (var driver in CreateDrivers())
        {
            shapes.Add(await driver.UpdateAsync(customer, context) ?? await driver.EditAsync(customer, context));
        }

        updater.ReportUnreadableValues();

        if (!ModelState.IsValid)
        {
            return View("Edit", await EditorAsync(customer, CreateDrivers().First(), shapes[0], isNew: true));
        }

        db.Customers.Add(customer);
        await db.SaveChangesAsync(cancellationToken);
        TempData.Success(S["Customer {0} was created.", customer.DisplayName]);
        return RedirectToAction(nameof(Edit), new { id = customer.Id });
    }

    [HttpGet("{id:int}/{tab?}")]
    public async Task<IActionResult> Edit(int id, string? tab)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
        if (customer is null)
        {
            return NotFound();
        }

        var driver = await FindTabAsync(customer, tab);
        if (driver is null)
        {
            return NotFound();
        }

        return View(await EditorAsync(customer, driver, await driver.EditAsync(customer, new BuildEditorContext(isNew: false)), isNew: false));
    }

    [HttpPost("{id:int}/{tab?}")]
    [ActionName(nameof(Edit))]
    public async Task<IActionResult> EditPost(int id, string? tab, [FromForm] string? concurrencyStamp, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return NotFound();
        }

        var driver = await FindTabAsync(customer, tab);
        if (driver is null)
        {
            return NotFound();
        }

        if (!await IsAllowedAsync(driver.EditPermission))
        {
            return Forbid();
        }

        if (await boundary.WhyRefusedAsync(User, customer, driver.Duty) is { } refusal)
        {
            await AuditRefusalAsync(customer, L["Save on the {0} tab", L[driver.TabName]], refusal, cancellationToken);
            ModelState.AddModelError("", refusal);
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return View(await EditorAsync(customer, driver, await driver.EditAsync(customer, new BuildEditorContext(isNew: false)), isNew: false));
        }

        // The stamp the admin saw: if someone saved meanwhile, the update matches no row and fails.
        if (!string.IsNullOrEmpty(concurrencyStamp))
        {
            db.Entry(customer).Property(c => c.ConcurrencyStamp).OriginalValue = concurrencyStamp;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var updater = new ControllerModelUpdater(this);
        var context = new UpdateEditorContext(isNew: false, updater);
        EditorShape? shape = null;
        try
        {
            shape = await driver.UpdateAsync(customer, context);
            if (shape is null)
            {
                return NotFound();
            }

            updater.ReportUnreadableValues();

            if (ModelState.IsValid)
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                TempData.Success(context.SuccessMessage ?? S["Customer {0} was saved.", customer.DisplayName]);
                return RedirectToAction(nameof(Edit), new { id, tab = driver.TabId });
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            shape = null;
            ModelState.AddModelError("", S["Someone else changed this customer meanwhile, so your changes were not saved. The form now shows the current values."]);
        }

        await transaction.RollbackAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
        var current = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, CancellationToken.None);
        if (current is null)
        {
            return NotFound();
        }

        // Invalid input stays on screen with the stamp it was based on; after a conflict the stored values show, with their stamp.
        if (shape is null)
        {
            return View(await EditorAsync(current, driver, await driver.EditAsync(current, new BuildEditorContext(isNew: false)), isNew: false));
        }

        return View(await EditorAsync(current, driver, shape, isNew: false, concurrencyStamp));
    }

    [HttpGet("{id:int}/delete")]
    [Authorize(Policy = nameof(Permissions.ManageCustomers))]
    public async Task<IActionResult> Delete(int id)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
        if (customer is null)
        {
            return NotFound();
        }

        var model = DeleteModel(customer);
        model.Refusal = await boundary.WhyRefusedAsync(User, customer);
        return View(model);
    }

    [HttpPost("{id:int}/delete")]
    [ActionName(nameof(Delete))]
    [Authorize(Policy = nameof(Permissions.ManageCustomers))]
    public async Task<IActionResult> DeletePost(int id, [FromForm] bool deleteLogin, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            TempData.Error(S["The customer no longer exists."]);
            return RedirectToAction(nameof(Index));
        }

        var model = DeleteModel(customer);
        if (await boundary.WhyRefusedAsync(User, customer) is { } refusal)
        {
            await AuditRefusalAsync(customer, L["Delete"], refusal, cancellationToken);
            model.Refusal = refusal;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return View(model);
        }

        if (deleteLogin && model.IsOwnLogin)
        {
            model.DeleteLogin = false;
            ModelState.AddModelError(nameof(DeleteCustomerViewModel.DeleteLogin), S["You are signed in with this customer's login, so it cannot be deleted. Keep the login, or sign in as someone else."]);
            return View(model);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Customers.Remove(customer);
        await db.SaveChangesAsync(cancellationToken);

        if (deleteLogin && customer.UserId is not null && await userManager.FindByIdAsync(customer.UserId) is { } user)
        {
            var result = await userManager.DeleteAsync(user);
            if (!result.Succeeded)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                ModelState.AddModelError("", string.Join(" ", result.Errors.Select(error => error.Description)));
                return View(model);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        TempData.Success(deleteLogin && model.IsRegistered
            ? S["Customer {0} and their login were deleted.", model.Title]
            : S["Customer {0} was deleted.", model.Title]);
        return RedirectToAction(nameof(Index));
    }

    /// <summary>A refused action is written to the customer's login history in a save of its own: nothing else was changed.</summary>
    private async Task AuditRefusalAsync(Customer customer, string action, string reason, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        boundary.AddRefusalAudit(customer, LoginActor.Of(User), action, reason);
        await db.SaveChangesAsync(cancellationToken);
    }

    private DeleteCustomerViewModel DeleteModel(Customer customer) => new()
    {
        Id = customer.Id,
        Title = customer.DisplayName,
        Email = customer.Email,
        IsRegistered = customer.IsRegistered,
        IsOwnLogin = customer.UserId is not null && customer.UserId == userManager.GetUserId(User),
        DeleteLogin = customer.IsRegistered,
    };

    private IEnumerable<CustomerDisplayDriver> CreateDrivers() =>
        drivers.Where(driver => driver.ShowOnCreate).OrderBy(driver => driver.Position);

    private async Task<List<CustomerDisplayDriver>> VisibleDriversAsync(Customer customer)
    {
        var visible = new List<CustomerDisplayDriver>();
        foreach (var driver in drivers.OrderBy(driver => driver.Position))
        {
            if (await driver.AppliesToAsync(customer) && await IsAllowedAsync(driver.ViewPermission))
            {
                visible.Add(driver);
            }
        }

        return visible;
    }

    private async Task<CustomerDisplayDriver?> FindTabAsync(Customer customer, string? tab)
    {
        var visible = await VisibleDriversAsync(customer);
        return string.IsNullOrEmpty(tab)
            ? visible.FirstOrDefault()
            : visible.FirstOrDefault(driver => string.Equals(driver.TabId, tab, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<CustomerEditorViewModel> EditorAsync(Customer customer, CustomerDisplayDriver active, EditorShape shape, bool isNew, string? concurrencyStamp = null)
    {
        var tabs = isNew ? CreateDrivers().ToList() : await VisibleDriversAsync(customer);
        var mayEdit = await IsAllowedAsync(active.EditPermission);
        // Staff who may edit this tab in general but not for this person see why, and no form to post.
        var refusal = mayEdit && !isNew ? await boundary.WhyRefusedAsync(User, customer, active.Duty) : null;
        return new CustomerEditorViewModel
        {
            CustomerId = isNew ? null : customer.Id,
            Title = isNew ? S["New customer"] : customer.DisplayName,
            Tabs = tabs.Select(driver => new EditorTab(driver.TabId, S[driver.TabName])).ToList(),
            ActiveTabId = active.TabId,
            Shape = shape,
            ConcurrencyStamp = concurrencyStamp ?? customer.ConcurrencyStamp,
            CanEdit = mayEdit && refusal is null,
            ReadOnlyReason = refusal,
        };
    }

    private async Task<bool> IsAllowedAsync(Permission permission) =>
        (await authorization.AuthorizeAsync(User, permission.Name)).Succeeded;
}
