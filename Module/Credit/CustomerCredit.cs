using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Credit;

/// <summary>
/// The store-credit ledger's one balance rule: entries add up per currency, and no use of credit
/// may take that sum below zero. The check and the write happen under a lock held until the
/// caller's transaction ends, so concurrent uses are applied one after the other.
/// </summary>
internal sealed class CustomerCredit(CustomersDbContext db, TimeProvider clock) : ICustomerCredit
{
    public async Task<decimal> GetBalanceAsync(int customerId, string currency, CancellationToken cancellationToken = default)
    {
        var code = currency.Trim().ToUpperInvariant();
        // Summed here rather than in SQL: SQLite stores decimals as text and cannot add them exactly.
        var amounts = await db.CreditEntries.AsNoTracking()
            .Where(entry => entry.CustomerId == customerId && entry.Currency == code)
            .Select(entry => entry.Amount)
            .ToListAsync(cancellationToken);
        return amounts.Sum();
    }

    public Task<CreditResult> SpendAsync(int customerId, decimal amount, string currency, string description, string createdBy, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        return AddEntryAsync(new CreditEntry { CustomerId = customerId, Amount = -amount, Currency = currency, Description = description, CreatedBy = createdBy }, cancellationToken);
    }

    public async Task<CreditResult> AddEntryAsync(CreditEntry entry, CancellationToken cancellationToken = default)
    {
        Validate(entry);
        entry.Currency = entry.Currency.ToUpperInvariant();

        // Without a caller's transaction the lock below would end with its own statement.
        await using var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (entry.Amount < 0)
        {
            // A concurrent use of this customer's credit waits, so the balance read next includes it.
            await CustomerRowLock.LockAsync(db, entry.CustomerId, cancellationToken);
            var balance = await GetBalanceAsync(entry.CustomerId, entry.Currency, cancellationToken);
            if (balance + entry.Amount < 0)
            {
                return new CreditResult(false, balance);
            }
        }

        entry.CreatedUtc = clock.GetUtcNow().UtcDateTime;
        db.CreditEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        var after = await GetBalanceAsync(entry.CustomerId, entry.Currency, cancellationToken);
        if (ownTransaction is not null)
        {
            await ownTransaction.CommitAsync(cancellationToken);
        }

        return new CreditResult(true, after);
    }

    private static void Validate(CreditEntry entry)
    {
        if (entry.Amount == 0 || Math.Abs(entry.Amount) > CreditEntry.MaxAmount || decimal.Round(entry.Amount, 2) != entry.Amount)
        {
            throw new ArgumentOutOfRangeException(nameof(entry), entry.Amount, $"A credit entry's amount is not zero, has at most two decimals and is at most {CreditEntry.MaxAmount} either way.");
        }

        if (entry.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetter))
        {
            throw new ArgumentException("A credit entry's currency is a three-letter ISO 4217 code.", nameof(entry));
        }

        if (string.IsNullOrWhiteSpace(entry.Description) || entry.Description.Length > CreditEntry.DescriptionMaxLength || string.IsNullOrWhiteSpace(entry.CreatedBy))
        {
            throw new ArgumentException($"A credit entry needs a description of at most {CreditEntry.DescriptionMaxLength} characters and who created it.", nameof(entry));
        }
    }
}
