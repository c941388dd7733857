using Commerce.Customers.Models;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>Compares what the outbox queued with what the SMTP server received.</summary>
public static class Deliveries
{
    /// <summary>Copies beyond the first of any message, and queued messages that never arrived.</summary>
    public static (int Duplicates, int Lost) Tally(IReadOnlyList<Notification> queued, IReadOnlyList<ReceivedEmail> received)
    {
        var arrived = received.Select(message => message.MessageId).ToHashSet();
        return (received.Count - arrived.Count, queued.Count(notification => !arrived.Contains(notification.MessageId)));
    }

    /// <summary>
    /// The customers whose last email does not hold a password that signs them in, which after any
    /// sequence of Create login, Generate and Save it must.
    /// </summary>
    public static async Task<List<string>> LastPasswordsThatFailAsync(SiteClient visitor, IEnumerable<int> customers, IReadOnlyDictionary<int, string> emails, IReadOnlyList<Notification> queued, IReadOnlyList<ReceivedEmail> received)
    {
        var failures = new List<string>();
        foreach (var customer in customers)
        {
            var last = queued.LastOrDefault(notification => notification.CustomerId == customer);
            if (last is null)
            {
                continue;
            }

            var password = Emails.Password(received.First(message => message.MessageId == last.MessageId));
            if (!await LoginActions.SignsInAsync(visitor, emails[customer], password))
            {
                failures.Add($"The last email to {emails[customer]} does not hold the password in effect.");
            }
        }

        return failures;
    }
}
