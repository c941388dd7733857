using Commerce.Customers.Models;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Bulk;

/// <summary>
/// A bulk job's title ("Create logins for 3 selected customers"), written when it is read, in the
/// reader's language, from what the job stores: its kind, selection and size. Only an import's
/// file name is kept as text (<see cref="BulkJob.Description"/>), because it is data.
/// </summary>
public static class BulkJobTitle
{
    public static string For(BulkJob job, IStringLocalizer S) => job.Kind == BulkJobKind.Import
        ? S["Import {0:N0} lines from {1}", job.Total, job.Description]
        : For(job.Kind, Selection(job), job.Total, job.DeleteLogins, S);

    public static string For(BulkJobKind kind, BulkSelection? selection, int count, bool deleteLogins, IStringLocalizer S)
    {
        var who = selection is null ? S["{0:N0} customers", count].Value
            : !selection.IsAllMatching ? S["{0:N0} selected customers", count].Value
            : selection.Search is null && selection.Registered is null ? S["all {0:N0} customers", count].Value
            : S["all {0:N0} customers matching {1}", count, string.Join(", ", new[]
                {
                    selection.Search is null ? null : S["“{0}”", selection.Search].Value,
                    selection.Registered is { } registered ? (registered ? S["registered"].Value : S["not registered"].Value) : null,
                }.Where(part => part is not null))].Value;
        return kind switch
        {
            BulkJobKind.Delete => deleteLogins ? S["Delete {0} and their logins", who] : S["Delete {0}", who],
            BulkJobKind.DisableLogins => S["Disable the logins of {0}", who],
            BulkJobKind.EnableLogins => S["Enable the logins of {0}", who],
            _ => S["Create logins for {0}", who],
        };
    }

    // A job queued by an older version, or by a test, may have no readable selection: it still gets a title.
    private static BulkSelection? Selection(BulkJob job)
    {
        try
        {
            return job.SelectionJson is null ? null : BulkSelection.FromJson(job.SelectionJson);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
