using Commerce.Customers.Bulk;
using Commerce.Customers.Models;

namespace Commerce.Customers.ViewModels;

/// <summary>What the list's bulk bar posts, and the confirmation page posts again.</summary>
public sealed class BulkRequest
{
    public const string CreateLogins = "create-logins";
    public const string Delete = "delete";
    public const string Export = "export";
    public const string DisableLogins = "disable-logins";
    public const string EnableLogins = "enable-logins";
    public const int MaxSelectedIds = 1000;

    /// <summary>create-logins, delete, export, disable-logins or enable-logins.</summary>
    public string? Action { get; set; }

    /// <summary>"selected" (the ticked rows) or "all" (everything matching the filter).</summary>
    public string? Scope { get; set; }

    public List<int> Ids { get; set; } = [];
    public string? Q { get; set; }
    public string? Registered { get; set; }
    public bool DeleteLogins { get; set; }

    /// <summary>Disable logins: why, written to each customer's login history.</summary>
    public string? Reason { get; set; }

    /// <summary>The job this request starts, for the actions that run as one.</summary>
    public BulkJobKind Kind => Action switch
    {
        Delete => BulkJobKind.Delete,
        DisableLogins => BulkJobKind.DisableLogins,
        EnableLogins => BulkJobKind.EnableLogins,
        _ => BulkJobKind.CreateLogins,
    };

    public bool IsAllMatching => Scope == "all";
}

public sealed class BulkConfirmViewModel
{
    public required BulkRequest Request { get; init; }
    public required string Description { get; init; }
    public int Count { get; init; }

    /// <summary>Why the request cannot start yet (a missing reason), shown by its field.</summary>
    public string? ReasonProblem { get; init; }
}

public sealed class BulkJobViewModel
{
    public required BulkJob Job { get; init; }
    public IReadOnlyList<BulkJobIssue> Issues { get; init; } = [];
    public int IssueCount { get; init; }

    /// <summary>A previewed import: the first lines that will be imported.</summary>
    public IReadOnlyList<CustomerImportRow> PreviewRows { get; init; } = [];
    public IReadOnlyList<string> IgnoredColumns { get; init; } = [];
    public bool CanAct { get; init; }

    public int ToImport => Job.Total - IssueCount;
}
