using System.Net;
using Commerce.Customers.Models;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// The access table (<see cref="AccessTable"/>): every route of the site against anonymous visitors,
/// a shop customer, staff without the route's permission and the administrator.
/// </summary>
public sealed class AccessTableTests(AccessTableSite fixture) : IClassFixture<AccessTableSite>
{
    private static readonly Person[] People = [Person.Anonymous, Person.Customer, Person.Staff, Person.Administrator];

    [Fact]
    public void Every_route_of_the_site_is_in_the_table()
    {
        var routes = fixture.Site.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [AccessTable.AnyMethod])
                .Select(method => $"{method} {endpoint.RoutePattern.RawText?.Trim('/')}"))
            .ToHashSet(StringComparer.Ordinal);
        var listed = AccessTable.Rows.Select(row => row.Route).ToHashSet(StringComparer.Ordinal);

        // A new route must get its row before it ships; a row for a route that is gone is a stale table.
        Assert.Empty(routes.Except(listed).Order(StringComparer.Ordinal));
        Assert.Empty(listed.Except(routes).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_cell_of_the_table_holds_and_refused_posts_change_nothing()
    {
        await WaitForBackgroundJobsAsync();
        var failures = new List<string>();
        // The administrator goes last: their posts change things (and start jobs) that others must not.
        foreach (var person in People)
        {
            // Pages first, so the administrator's posts cannot take away what a later page shows.
            foreach (var row in AccessTable.Rows.OrderBy(row => row.Method == "POST"))
            {
                var client = await fixture.ClientForAsync(person, row);
                var expected = row.Expected(person);
                string? before = null;
                // Signing out lands on a sign-in page without being refused: it renews the user's security stamp.
                if (row.Method == "POST" && AccessRow.IsRefusal(expected) && !(row.SignsOut && person != Person.Anonymous))
                {
                    // An earlier post's email or job, finishing in the background, is not this post's change.
                    await WaitForBackgroundJobsAsync();
                    before = await DatabaseSnapshot.TakeAsync(fixture.Site);
                }

                using var response = row.Method == "POST"
                    ? await PostWithTokenAsync(client, row)
                    : await client.GetAsync(fixture.Fill(row.Url));
                var actual = Describe(response);
                if (actual != expected.ToString())
                {
                    failures.Add($"{person} {row.Method} {row.Url}: expected {expected}, got {actual}");
                }
                else if (before is not null && before != await DatabaseSnapshot.TakeAsync(fixture.Site))
                {
                    failures.Add($"{person} {row.Method} {row.Url}: refused ({actual}) but the database changed");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        await WaitForBackgroundJobsAsync();
    }

    [Fact]
    public async Task Posts_without_an_antiforgery_token_are_refused_for_everyone_and_change_nothing()
    {
        await WaitForBackgroundJobsAsync();
        var failures = new List<string>();
        var before = await DatabaseSnapshot.TakeAsync(fixture.Site);
        foreach (var person in People)
        {
            foreach (var row in AccessTable.Rows.Where(row => row.Method == "POST"))
            {
                var client = await fixture.ClientForAsync(person, row);
                using var content = new StringContent(fixture.Fill(Form(row)), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
                using var response = await client.Http.PostAsync(new Uri(fixture.Fill(row.Url), UriKind.Relative), content);
                var actual = Describe(response);
                // Whoever may use the route gets a 400; whoever may not is refused as with a token.
                var expected = row.Expected(person);
                var refusedAsExpected = actual == nameof(Outcome.BadRequest) || (AccessRow.IsRefusal(expected) && actual == expected.ToString());
                if (!refusedAsExpected)
                {
                    failures.Add($"{person} {row.Method} {row.Url} without a token: got {actual}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(fixture.Site));
    }

    [Fact]
    public async Task The_table_catches_a_wrong_expectation()
    {
        // Every test must be able to fail: the administrator is not sent to sign in from the list.
        var wrong = new AccessRow("GET", "admin/customers", "/admin/customers", Permissions.ViewCustomers, Outcome.SignIn, Outcome.Denied, Outcome.Denied, Outcome.SignIn);
        using var response = await (await fixture.ClientForAsync(Person.Administrator, wrong)).GetAsync(wrong.Url);
        Assert.NotEqual(wrong.Administrator.ToString(), Describe(response));
    }

    private async Task<HttpResponseMessage> PostWithTokenAsync(SiteClient client, AccessRow row)
    {
        // Every person can open the sign-in page, and its token is issued for whoever is signed in.
        var token = SiteClient.AntiforgeryToken(await client.GetPageAsync("/admin/login"));
        var form = fixture.Fill(Form(row)) + "&__RequestVerificationToken=" + Uri.EscapeDataString(token);
        using var content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        return await client.Http.PostAsync(new Uri(fixture.Fill(row.Url), UriKind.Relative), content);
    }

    private static string Form(AccessRow row) => row.Form is null ? AccessTable.AttackForm : AccessTable.AttackForm + "&" + row.Form;

    /// <summary>The outcome, or the bare status when it is not one the table knows (a 500 above all).</summary>
    private static string Describe(HttpResponseMessage response)
    {
        try
        {
            return AccessRow.Of(response).ToString();
        }
        catch (InvalidOperationException)
        {
            return $"HTTP {(int)response.StatusCode}";
        }
    }

    /// <summary>Waits until no bulk job is waiting or running and no email is due or being sent.</summary>
    private async Task WaitForBackgroundJobsAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (await fixture.Site.WithDbAsync(async db =>
            await db.BulkJobs.AnyAsync(job => job.Status == BulkJobStatus.Queued || job.Status == BulkJobStatus.Running)
            || await db.Notifications.AnyAsync(n => (n.Status == NotificationStatus.Queued && n.NextAttemptUtc <= DateTime.UtcNow) || n.Status == NotificationStatus.Sending)))
        {
            Assert.True(DateTime.UtcNow < deadline, "A bulk job or an email was not done within a minute.");
            await Task.Delay(100);
        }
    }
}
