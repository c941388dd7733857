using Commerce.Customers.Credit;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Host.Shop;

/// <summary>Pays as much of a demo order as the customer's store credit covers, in the checkout's transaction.</summary>
internal static class CreditPayment
{
    /// <summary>
    /// Spends min(balance, total) and records it on the order. Refused only when another use of
    /// the credit committed since the balance was read; the caller then places nothing.
    /// </summary>
    public static async Task<CreditResult> ApplyAsync(ICustomerCredit credit, Order order, string createdBy, IStringLocalizer S, CancellationToken cancellationToken)
    {
        var balance = await credit.GetBalanceAsync(order.CustomerId, order.Currency, cancellationToken);
        var amount = Math.Min(balance, order.Total);
        if (amount <= 0)
        {
            return new CreditResult(true, balance);
        }

        var spent = await credit.SpendAsync(order.CustomerId, amount, order.Currency, S["Order {0}", order.Number], createdBy, cancellationToken);
        if (spent.Succeeded)
        {
            order.CreditApplied = amount;
        }

        return spent;
    }
}
