using Commerce.Customers.Models;

namespace Commerce.Customers.ViewModels;

/// <summary>What the Credit tab posts: a new entry, possibly correcting an earlier one.</summary>
public sealed class CreditForm
{
    public decimal? Amount { get; set; }
    public string? Currency { get; set; } = "USD";
    public string? Description { get; set; }
    public long? CorrectsEntryId { get; set; }
}

public sealed class CreditViewModel
{
    public IReadOnlyList<CreditEntry> Entries { get; init; } = [];
    public IReadOnlyDictionary<string, decimal> Balances { get; init; } = new Dictionary<string, decimal>();
    public CreditForm Form { get; init; } = new();
}
