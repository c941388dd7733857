using Commerce.Customers.Accounts;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Security;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using static Commerce.Customers.Localization.DeferredText;

namespace Commerce.Customers.Drivers;

/// <summary>
/// The Roles tab: the site's roles on a registered customer's login. An admin may grant or take
/// away only roles whose every permission they hold themselves; only Administrators touch the
/// Administrator role. Every change is audited.
/// </summary>
public sealed class CustomerRolesDisplayDriver(
    UserManager<ShopUser> users,
    RoleManager<IdentityRole> roles,
    RoleGrantPolicy grantPolicy,
    CustomersDbContext db,
    IHttpContextAccessor httpContextAccessor,
    TimeProvider clock,
    IStringLocalizer<CustomerRolesDisplayDriver> S) : CustomerDisplayDriver
{
    public override string TabName => "Roles";
    public override int Position => 40;
    public override StaffDuty Duty => StaffDuty.OwnAccess;
    public override Permission ViewPermission => Permissions.ManageCustomerLogins;
    public override Permission EditPermission => Permissions.ManageCustomerLogins;

    public override Task<bool> AppliesToAsync(Customer customer) => Task.FromResult(customer.IsRegistered);

    public override async Task<EditorShape> EditAsync(Customer customer, BuildEditorContext context)
    {
        var user = await users.FindByIdAsync(customer.UserId!);
        var current = user is null ? [] : await users.GetRolesAsync(user);
        return await ShapeAsync(current.ToHashSet(StringComparer.Ordinal));
    }

    public override async Task<EditorShape?> UpdateAsync(Customer customer, UpdateEditorContext context)
    {
        var form = new RolesForm();
        await context.Updater.TryUpdateModelAsync(form, "");
        var user = customer.UserId is null ? null : await users.FindByIdAsync(customer.UserId);
        if (user is null)
        {
            context.Updater.ModelState.AddModelError("", S["The customer has no login."]);
            return await ShapeAsync(new HashSet<string>());
        }

        var allRoles = await roles.Roles.Select(role => role.Name!).ToListAsync();
        var wanted = form.Roles.Where(allRoles.Contains).ToHashSet(StringComparer.Ordinal);
        var current = (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal);
        var added = wanted.Except(current).Order(StringComparer.Ordinal).ToList();
        var removed = current.Except(wanted).Order(StringComparer.Ordinal).ToList();

        var forbidden = new List<string>();
        foreach (var role in added.Concat(removed))
        {
            if (!await MayGrantAsync(role))
            {
                forbidden.Add(role);
            }
        }

        if (forbidden.Count > 0)
        {
            context.Updater.ModelState.AddModelError("Roles", S["You may not grant or remove {0}: it carries permissions you do not have.", string.Join(", ", forbidden)]);
            return await ShapeAsync(wanted);
        }

        if (added.Count == 0 && removed.Count == 0)
        {
            context.SuccessMessage = S["The roles did not change."];
            return await ShapeAsync(current);
        }

        foreach (var result in new[] { await users.AddToRolesAsync(user, added), await users.RemoveFromRolesAsync(user, removed) })
        {
            foreach (var error in result.Errors)
            {
                context.Updater.ModelState.AddModelError("Roles", error.Description);
            }
        }

        var actor = LoginActor.Of(httpContextAccessor.HttpContext?.User);
        db.LoginAudits.Add(new LoginAudit
        {
            CustomerId = customer.Id,
            UserId = user.Id,
            Action = LoginAuditAction.RolesChanged,
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
            Details = L["Added: {0}. Removed: {1}.", added.Count == 0 ? L["none"] : string.Join(", ", added), removed.Count == 0 ? L["none"] : string.Join(", ", removed)],
        });
        context.SuccessMessage = S["The roles of {0} were saved.", user.Email!];
        return await ShapeAsync(wanted);
    }

    private Task<bool> MayGrantAsync(string role) => grantPolicy.MayGrantAsync(httpContextAccessor.HttpContext?.User, role);

    private async Task<EditorShape> ShapeAsync(IReadOnlySet<string> assigned)
    {
        var options = (await grantPolicy.RolesAsync(httpContextAccessor.HttpContext?.User))
            .Select(role => new RoleOption(role.Role, assigned.Contains(role.Role), role.MayGrant))
            .ToList();
        return new EditorShape("CustomerRoles_Edit", options);
    }
}
