using System.Net;
using Commerce.Customers.Drivers;
using Commerce.Customers.Models;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// The staff matrix: every staff action on a customer × every kind of actor × every kind of target.
/// What should happen comes from <see cref="StaffRule"/>; what did happen is whether anything about
/// the customer or their login changed. A refusal never answers 500 and changes nothing.
/// </summary>
[LongRunning(27)]
public sealed class StaffMatrixTests(StaffMatrixSite site) : IClassFixture<StaffMatrixSite>
{
    public static TheoryData<string> ActionNames => new(StaffActions.All.Select(action => action.Name));

    [Theory]
    [MemberData(nameof(ActionNames))]
    public async Task Each_actor_may_do_it_only_to_people_below_them(string actionName)
    {
        var action = StaffActions.All.Single(a => a.Name == actionName);
        var wrong = new List<string>();
        foreach (var actor in StaffMatrixSite.Actors)
        {
            foreach (var target in Enum.GetValues<TargetKind>().Where(action.Applies))
            {
                var cell = await site.CellAsync(actor, target);
                var before = await site.FingerprintAsync(cell);
                using var response = await action.Act(cell);
                var changed = before != await site.FingerprintAsync(cell);
                var expected = StaffRule.Allows(actor, target, action);
                if (response.StatusCode == HttpStatusCode.InternalServerError || changed != expected)
                {
                    wrong.Add($"{actor} on {target}: expected {(expected ? "done" : "refused")}, got {(changed ? "done" : "nothing changed")} ({(int)response.StatusCode})");
                }

                if (target == TargetKind.Self)
                {
                    cell.Client.Dispose();
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void Every_editor_tab_with_a_form_and_every_bulk_job_on_customers_has_a_row()
    {
        using var scope = site.Site.Services.CreateScope();
        var tabsWithForms = scope.ServiceProvider.GetServices<CustomerDisplayDriver>()
            .Where(driver => driver.GetType().GetMethod(nameof(CustomerDisplayDriver.UpdateAsync))!.DeclaringType != typeof(CustomerDisplayDriver))
            .Select(driver => driver.TabId);
        // Import creates new customers only; it never acts on an existing one.
        var bulkKinds = Enum.GetNames<BulkJobKind>().Where(kind => kind != nameof(BulkJobKind.Import));
        var covered = StaffActions.All.Select(action => action.Covers).ToHashSet();

        Assert.All(tabsWithForms.Concat(bulkKinds), name => Assert.Contains(name, covered));
    }

    [Fact]
    public async Task Export_lists_every_kind_of_customer_to_whoever_may_view_customers()
    {
        foreach (var actor in StaffMatrixSite.Actors)
        {
            var cell = await site.CellAsync(actor, TargetKind.AdministratorLogin);
            using var response = await cell.Client.GetAsync("/admin/customers/export?Q=" + Uri.EscapeDataString(cell.Email));
            var listed = response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains(cell.Email, StringComparison.Ordinal);
            Assert.True(listed == actor.HasPermission(Permissions.ViewCustomers), $"{actor}: {(int)response.StatusCode}");
        }
    }
}
