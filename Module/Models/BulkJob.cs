namespace Commerce.Customers.Models;

public enum BulkJobKind
{
    CreateLogins,
    Delete,
    Import,
    DisableLogins,
    EnableLogins,
}

public enum BulkJobStatus
{
    /// <summary>An import's dry run is shown; nothing happens until the admin confirms.</summary>
    AwaitingConfirmation,
    Queued,
    Running,
    Completed,
    Cancelled,
    Failed,
}

/// <summary>
/// A bulk action on many customers, run in the background by whichever node claims it. Its
/// progress lives here, so the page that shows it survives a reload and any node can resume it.
/// </summary>
public sealed class BulkJob
{
    public const int DescriptionMaxLength = 500;

    public long Id { get; set; }
    public BulkJobKind Kind { get; set; }
    public BulkJobStatus Status { get; set; }

    /// <summary>An import's file name; empty for other kinds. The title is written when read (BulkJobTitle).</summary>
    public string Description { get; set; } = "";

    /// <summary>Which customers: explicit ids or a list filter (JSON, see BulkSelection).</summary>
    public string? SelectionJson { get; set; }

    /// <summary>The uploaded CSV of an import, kept until the import finishes or is cancelled.</summary>
    public string? Payload { get; set; }

    /// <summary>Delete only: also delete the customers' logins.</summary>
    public bool DeleteLogins { get; set; }

    public string? CreatedByUserId { get; set; }
    public string CreatedByName { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
    public DateTime? StartedUtc { get; set; }
    public DateTime? FinishedUtc { get; set; }

    public int Total { get; set; }
    public int Processed { get; set; }
    public int Succeeded { get; set; }
    public int Failed { get; set; }

    /// <summary>The last customer id (or import line) done; a node that takes over resumes after it.</summary>
    public long Cursor { get; set; }

    public string? LeaseOwner { get; set; }
    public DateTime? LeaseExpiresUtc { get; set; }
    public bool CancelRequested { get; set; }

    /// <summary>Why the whole job failed, when it did (never a password or token).</summary>
    public string? Error { get; set; }

    public bool IsFinished => Status is BulkJobStatus.Completed or BulkJobStatus.Cancelled or BulkJobStatus.Failed;
}

/// <summary>One customer or import line that a bulk job could not handle, and why.</summary>
public sealed class BulkJobIssue
{
    public const int MessageMaxLength = 500;

    public long Id { get; set; }
    public long JobId { get; set; }
    public int? CustomerId { get; set; }

    /// <summary>The CSV line number, for imports.</summary>
    public int? Line { get; set; }

    public string Subject { get; set; } = "";
    public string Message { get; set; } = "";
}
