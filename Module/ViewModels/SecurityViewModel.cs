using Commerce.Customers.Models;

namespace Commerce.Customers.ViewModels;

public sealed class SecurityViewModel
{
    /// <summary>The person's own recent sign-ins, newest first.</summary>
    public IReadOnlyList<SignInEvent> SignIns { get; init; } = [];
    public int HistoryDays { get; init; }
}
