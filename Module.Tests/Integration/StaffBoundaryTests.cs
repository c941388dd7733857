using System.Net;
using Commerce.Customers.Models;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// Issue 13's staff examples, each as the attacker posted it: limited staff never reach an
/// Administrator's login, and a refusal says why, changes nothing and is audited.
/// </summary>
public sealed class StaffBoundaryTests(StaffMatrixSite site) : IClassFixture<StaffMatrixSite>
{
    private static MatrixActor Only(Permission permission) => StaffMatrixSite.Actors.Single(actor => actor.Name == StaffMatrixSite.RoleOf(permission));

    private static MatrixActor CustomerService => StaffMatrixSite.Actors.Single(actor => actor.Name == StaffMatrixSite.StaffRole);

    [Fact]
    public async Task Example_1_manage_customer_logins_cannot_set_an_administrators_password_or_sign_in_with_it()
    {
        var cell = await site.CellAsync(Only(Permissions.ManageCustomerLogins), TargetKind.AdministratorLogin);
        var before = await site.FingerprintAsync(cell);

        using var saved = await StaffMatrixSite.Post(cell, $"/admin/customers/{cell.CustomerId}/login-details",
            ("Action", "save"), ("Password", "Attacker-Chosen-42!x"), ("ConfirmPassword", "Attacker-Chosen-42!x"));
        using var generated = await StaffMatrixSite.Post(cell, $"/admin/customers/{cell.CustomerId}/login-details", ("Action", "generate"));

        Assert.Equal(HttpStatusCode.Forbidden, saved.StatusCode);
        Assert.Contains("only Administrators may act on it", WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, generated.StatusCode);
        Assert.Equal(before, await site.FingerprintAsync(cell));
        using var attacker = site.Site.CreateSiteClient();
        using var signIn = await attacker.PostFormAsync("/admin/login", [new("Email", cell.Email), new("Password", "Attacker-Chosen-42!x")]);
        Assert.NotEqual(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task Manage_customer_logins_cannot_disable_an_administrators_login_or_end_their_sessions()
    {
        var cell = await site.CellAsync(Only(Permissions.ManageCustomerLogins), TargetKind.AdministratorLogin);
        var before = await site.FingerprintAsync(cell);

        using var disabled = await StaffMatrixSite.Post(cell, $"/admin/customers/{cell.CustomerId}/login-details", ("Action", "disable"), ("DisableReason", "Taking over"));
        using var signedOut = await StaffMatrixSite.Post(cell, $"/admin/customers/{cell.CustomerId}/login-details", ("Action", "sign-out"));

        Assert.Equal(HttpStatusCode.Forbidden, disabled.StatusCode);
        Assert.Contains("only Administrators may act on it", WebUtility.HtmlDecode(await disabled.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, signedOut.StatusCode);
        Assert.Equal(before, await site.FingerprintAsync(cell));
        Assert.False(await site.Site.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == cell.Email && u.DisabledUtc != null)));
    }

    [Fact]
    public async Task Example_2_manage_customers_cannot_move_an_administrators_email_or_delete_their_login()
    {
        var cell = await site.CellAsync(Only(Permissions.ManageCustomers), TargetKind.AdministratorLogin);
        var before = await site.FingerprintAsync(cell);

        using var moved = await StaffMatrixSite.Post(cell, $"/admin/customers/{cell.CustomerId}/general",
            ("FirstName", "Tess"), ("LastName", "Target"), ("Email", "attacker@evil.example"));
        using var deleted = await StaffMatrixSite.Post(cell, $"/admin/customers/{cell.CustomerId}/delete", ("deleteLogin", "true"));

        Assert.Equal(HttpStatusCode.Forbidden, moved.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deleted.StatusCode);
        Assert.Contains("only Administrators may act on it", WebUtility.HtmlDecode(await deleted.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, await site.FingerprintAsync(cell));
    }

    [Fact]
    public async Task Each_refusal_is_written_to_the_login_history_with_who_and_why()
    {
        var cell = await site.CellAsync(Only(Permissions.ManageCustomers), TargetKind.StaffLogin);

        using var refused = await StaffMatrixSite.Post(cell, $"/admin/customers/{cell.CustomerId}/general",
            ("FirstName", "Tess"), ("LastName", "Target"), ("Email", "attacker@evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var audit = await site.Site.WithDbAsync(db => db.LoginAudits.AsNoTracking().SingleAsync(a => a.CustomerId == cell.CustomerId));
        Assert.Equal(LoginAuditAction.ActionRefused, audit.Action);
        Assert.StartsWith("Save on the General tab: The login " + cell.Email + " holds the role Customer Service", site.Site.ReadStoredText(audit.Details), StringComparison.Ordinal);
        Assert.NotNull(audit.ActorUserId);
    }

    [Fact]
    public async Task The_editor_shows_a_protected_customer_read_only_with_the_reason_and_no_form()
    {
        var cell = await site.CellAsync(Only(Permissions.ManageCustomerLogins), TargetKind.AdministratorLogin);

        var page = WebUtility.HtmlDecode(await cell.Client.GetPageAsync($"/admin/customers/{cell.CustomerId}/login-details"));
        var other = await site.CellAsync(Only(Permissions.ManageCustomers), TargetKind.AdministratorLogin);
        var delete = WebUtility.HtmlDecode(await other.Client.GetPageAsync($"/admin/customers/{other.CustomerId}/delete"));

        Assert.Contains("only Administrators may act on it", page, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"generate\"", page, StringComparison.Ordinal);
        Assert.Contains("only Administrators may act on it", delete, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"danger\"", delete, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Example_10_staff_never_give_their_own_record_credit_and_editing_customers_is_not_paying_them()
    {
        var manager = await site.CellAsync(Only(Permissions.ManageCustomers), TargetKind.Self);
        var service = await site.CellAsync(CustomerService, TargetKind.Self);
        var before = (await site.FingerprintAsync(manager), await site.FingerprintAsync(service));

        using var byManager = await StaffMatrixSite.Post(manager, $"/admin/customers/{manager.CustomerId}/credit", ("Amount", "500"), ("Currency", "USD"), ("Description", "Bonus"));
        using var byService = await StaffMatrixSite.Post(service, $"/admin/customers/{service.CustomerId}/credit", ("Amount", "500"), ("Currency", "USD"), ("Description", "Bonus"));

        Assert.NotEqual(HttpStatusCode.Redirect, byService.StatusCode);
        Assert.Contains("You may not change your own roles, memberships or store credit", WebUtility.HtmlDecode(await byService.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, (await site.FingerprintAsync(manager), await site.FingerprintAsync(service)));
        Assert.False(await site.Site.WithDbAsync(db => db.CreditEntries.AnyAsync(e => e.CustomerId == manager.CustomerId || e.CustomerId == service.CustomerId)));
        manager.Client.Dispose();
        service.Client.Dispose();
    }

    [Fact]
    public async Task A_bulk_delete_lists_each_refused_customer_as_a_problem_of_the_job_and_deletes_the_rest()
    {
        var protectedCell = await site.CellAsync(Only(Permissions.ManageCustomers), TargetKind.AdministratorLogin);
        var plain = await site.CellAsync(Only(Permissions.ManageCustomers), TargetKind.CustomerLogin);

        using var started = await StaffMatrixSite.Post(protectedCell, "/admin/customers/bulk/start",
            ("Action", "delete"), ("Scope", "selected"), ("Ids", StaffMatrixSite.Id(protectedCell.CustomerId)), ("Ids", StaffMatrixSite.Id(plain.CustomerId)), ("DeleteLogins", "true"));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var jobId = long.Parse(Html.RedirectPath(started).Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        await site.WaitForJobAsync(jobId);

        var problem = Assert.Single(await BulkJobs.IssuesAsync(site.Site, jobId));
        Assert.Equal(protectedCell.CustomerId, problem.CustomerId);
        Assert.Contains("only Administrators may act on it", problem.Message, StringComparison.Ordinal);
        Assert.True(await site.Site.WithDbAsync(db => db.Customers.AnyAsync(c => c.Id == protectedCell.CustomerId)));
        Assert.False(await site.Site.WithDbAsync(db => db.Customers.AnyAsync(c => c.Id == plain.CustomerId)));
    }
}
