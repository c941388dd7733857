using System.Net;
using System.Text.Json;
using Commerce.Customers.Models;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>Starts bulk jobs through the list's bulk bar and follows them as the job page does.</summary>
public static class BulkJobs
{
    /// <summary>Posts the bulk bar, then the confirmation page; returns the new job's id.</summary>
    public static async Task<long> StartAsync(SiteClient admin, string action, IEnumerable<KeyValuePair<string, string>> selection, bool deleteLogins = false)
    {
        var fields = new List<KeyValuePair<string, string>>(selection) { new("Action", action) };
        using (var confirm = await admin.PostFormAsync("/admin/customers", fields, "/admin/customers/bulk"))
        {
            Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
            Assert.Contains("id=\"bulk-confirm\"", await confirm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        if (deleteLogins)
        {
            fields.Add(new("DeleteLogins", "true"));
        }

        using var started = await admin.PostFormAsync("/admin/customers", fields, "/admin/customers/bulk/start");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        return long.Parse(Html.RedirectPath(started).Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Polls the job's progress endpoint, as its page does, until the job has finished.</summary>
    public static async Task<JsonElement> WaitUntilFinishedAsync(SiteClient admin, long id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var progress = JsonDocument.Parse(await admin.GetPageAsync($"/admin/customers/jobs/{id}/progress")).RootElement;
            if (progress.GetProperty("finished").GetBoolean())
            {
                return progress;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Bulk job {id} did not finish in {timeout}: {progress}");
            await Task.Delay(250);
        }
    }

    public static Task<List<BulkJobIssue>> IssuesAsync(TestSite site, long id) =>
        site.WithDbAsync(db => db.BulkJobIssues.AsNoTracking().Where(issue => issue.JobId == id).OrderBy(issue => issue.Id).ToListAsync());
}
