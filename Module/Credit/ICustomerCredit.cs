using Commerce.Customers.Models;

namespace Commerce.Customers.Credit;

/// <param name="Succeeded">False when the entry would have taken the balance below zero; nothing was written then.</param>
/// <param name="Balance">The balance in the entry's currency: after the entry, or as it stands when refused.</param>
public sealed record CreditResult(bool Succeeded, decimal Balance);

/// <summary>
/// A customer's store credit, for the Credit tab and for a shop that lets customers pay with it.
/// Writes go through the caller's <c>CustomersDbContext</c> and join its current transaction, so
/// credit used by an order commits with the order, or not at all.
/// </summary>
public interface ICustomerCredit
{
    /// <summary>The customer's balance in <paramref name="currency"/> (an ISO 4217 code); zero without entries.</summary>
    Task<decimal> GetBalanceAsync(int customerId, string currency, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uses <paramref name="amount"/> (positive) of the customer's credit: a negative ledger entry.
    /// Refuses, without throwing, when the balance would go below zero. Two spends at once are
    /// serialized, so they can never both use the same credit.
    /// </summary>
    Task<CreditResult> SpendAsync(int customerId, decimal amount, string currency, string description, string createdBy, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends any entry (credit added, used, or a correction), stamped with the current time.
    /// A negative entry is refused, as by <see cref="SpendAsync"/>, when the balance would go below zero.
    /// </summary>
    Task<CreditResult> AddEntryAsync(CreditEntry entry, CancellationToken cancellationToken = default);
}
