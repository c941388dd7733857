using Commerce.Customers.Models;

namespace Commerce.Customers.ViewModels;

/// <summary>How a bulk job's state reads on the page.</summary>
public static class BulkJobText
{
    public static string Status(BulkJobStatus status) => status switch
    {
        BulkJobStatus.AwaitingConfirmation => "Waiting for your confirmation",
        BulkJobStatus.Queued => "Waiting to start",
        BulkJobStatus.Running => "Running",
        BulkJobStatus.Completed => "Completed",
        BulkJobStatus.Cancelled => "Cancelled",
        _ => "Failed",
    };
}
