using Commerce.Customers.Accounts;
using Commerce.Customers.Data;
using Commerce.Customers.Memberships;
using Commerce.Customers.Models;
using Commerce.Customers.Security;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Drivers;

/// <summary>
/// The Membership tab: roles granted for a period. The membership job starts, reminds and ends
/// them; the admin grants new ones or ends one early.
/// </summary>
public sealed class CustomerMembershipDisplayDriver(
    CustomersDbContext db,
    MembershipService memberships,
    RoleGrantPolicy grantPolicy,
    CustomerAccountSettingsStore settings,
    SiteCalendarStore calendars,
    IHttpContextAccessor httpContextAccessor,
    TimeProvider clock,
    IStringLocalizer<CustomerMembershipDisplayDriver> S) : CustomerDisplayDriver
{
    public override string TabName => "Membership";
    public override int Position => 50;
    public override StaffDuty Duty => StaffDuty.OwnAccess;
    public override Permission ViewPermission => Permissions.ManageCustomerLogins;
    public override Permission EditPermission => Permissions.ManageCustomerLogins;

    public override Task<bool> AppliesToAsync(Customer customer) => Task.FromResult(customer.IsRegistered);

    public override async Task<EditorShape> EditAsync(Customer customer, BuildEditorContext context)
    {
        var calendar = await calendars.GetAsync();
        var today = calendar.DayOf(clock.GetUtcNow().UtcDateTime);
        return await ShapeAsync(customer, new MembershipForm { ValidFrom = today, ValidTo = today.AddYears(1).AddDays(-1) });
    }

    public override async Task<EditorShape?> UpdateAsync(Customer customer, UpdateEditorContext context)
    {
        var form = new MembershipForm();
        await context.Updater.TryUpdateModelAsync(form, "");
        // A date the binder cannot read gets the tab's own message, not the binder's.
        context.Updater.ModelState.Remove(nameof(MembershipForm.ValidFrom));
        context.Updater.ModelState.Remove(nameof(MembershipForm.ValidTo));
        var actor = httpContextAccessor.HttpContext!.User;

        if (form.Action == "end")
        {
            var errors = form.MembershipId is { } id ? await memberships.EndAsync(customer, id, actor) : [new(string.Empty, S["Choose the membership to end."])];
            foreach (var error in errors)
            {
                context.Updater.ModelState.AddModelError(error.Field, error.Message);
            }

            context.SuccessMessage = S["The membership was ended and its role removed."];
            return await ShapeAsync(customer, new MembershipForm());
        }

        var (membership, grantErrors) = await memberships.GrantAsync(customer, form.Role, form.ValidFrom, form.ValidTo, actor);
        foreach (var error in grantErrors)
        {
            context.Updater.ModelState.AddModelError(error.Field, error.Message);
        }

        if (membership is not null)
        {
            var calendar = await calendars.GetAsync();
            context.SuccessMessage = membership.State == MembershipState.Active
                ? S["{0} now holds {1} until the end of {2} ({3}).", customer.DisplayName, membership.RoleName, calendar.LastDay(membership.ValidToUtc), calendar.Zone.Id]
                : S["{0} will hold {1} from {2} to {3} ({4}).", customer.DisplayName, membership.RoleName, calendar.Day(membership.ValidFromUtc), calendar.LastDay(membership.ValidToUtc), calendar.Zone.Id];
        }

        return await ShapeAsync(customer, form);
    }

    private async Task<EditorShape> ShapeAsync(Customer customer, MembershipForm form)
    {
        var list = await db.CustomerMemberships.AsNoTracking()
            .Where(m => m.CustomerId == customer.Id)
            .OrderByDescending(m => m.ValidFromUtc).ThenByDescending(m => m.Id)
            .ToListAsync();
        var grantable = (await grantPolicy.RolesAsync(httpContextAccessor.HttpContext?.User)).Where(role => role.MayGrant).Select(role => role.Role).ToList();

        return new EditorShape("CustomerMembership_Edit", new MembershipViewModel
        {
            Memberships = list,
            GrantableRoles = grantable,
            Form = form,
            ReminderDays = (await settings.GetAsync()).MembershipReminderDays,
            Calendar = await calendars.GetAsync(),
        });
    }
}
