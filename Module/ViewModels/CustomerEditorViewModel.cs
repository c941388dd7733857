using Commerce.Customers.Drivers;

namespace Commerce.Customers.ViewModels;

public sealed record EditorTab(string Id, string Name);

/// <summary>The editor page: the customer's heading, the tab strip and the active tab's shape.</summary>
public sealed class CustomerEditorViewModel
{
    public int? CustomerId { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyList<EditorTab> Tabs { get; init; }
    public required string ActiveTabId { get; init; }
    public required EditorShape Shape { get; init; }
    public string? ConcurrencyStamp { get; init; }
    public bool CanEdit { get; init; }

    /// <summary>Why the tab is read-only for this admin although they hold its permission (the staff boundary).</summary>
    public string? ReadOnlyReason { get; init; }
}

public sealed class DeleteCustomerViewModel
{
    public int Id { get; set; }
    public string Title { get; set; } = "";
    public string? Email { get; set; }
    public bool IsRegistered { get; set; }
    public bool IsOwnLogin { get; set; }
    public bool DeleteLogin { get; set; } = true;
    public string? ConcurrencyStamp { get; set; }

    /// <summary>Why this admin may not delete this customer (the staff boundary), or null.</summary>
    public string? Refusal { get; set; }
}
