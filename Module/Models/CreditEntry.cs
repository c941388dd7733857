namespace Commerce.Customers.Models;

/// <summary>
/// One line of a customer's store-credit ledger. Entries are never edited or deleted: a mistake
/// is put right by a new entry that corrects it.
/// </summary>
public sealed class CreditEntry
{
    public const int DescriptionMaxLength = 200;
    public const decimal MaxAmount = 1_000_000m;

    public long Id { get; set; }
    public int CustomerId { get; set; }

    /// <summary>Positive adds credit, negative uses it.</summary>
    public decimal Amount { get; set; }

    /// <summary>ISO 4217 code, such as USD.</summary>
    public string Currency { get; set; } = "USD";

    public string Description { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
    public string CreatedBy { get; set; } = "";

    /// <summary>The entry this one corrects, if it is a correction.</summary>
    public long? CorrectsEntryId { get; set; }
}
