using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>Queues and inspects account emails the way a login flow does: inside its own transaction.</summary>
public static class Outbox
{
    public static Task<Notification> EnqueueAsync(TestSite site, string customerEmail, string template, string? secret, bool commit = true) =>
        site.WithDbAsync(async (db, services) =>
        {
            var customer = await db.Customers.SingleAsync(c => c.Email == customerEmail);
            await using var transaction = await db.Database.BeginTransactionAsync();
            var notification = await services.GetRequiredService<ICustomerNotifications>().EnqueueAsync(template, customer, customer.Email!, secret);
            await db.SaveChangesAsync();
            if (commit)
            {
                await transaction.CommitAsync();
            }
            else
            {
                await transaction.RollbackAsync();
            }

            return notification;
        });

    public static Task<Notification> GetAsync(TestSite site, Guid id) =>
        site.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Id == id));

    /// <summary>Polls until the message reaches a state, for assertions on the dispatcher's work.</summary>
    public static async Task<Notification> WaitUntilAsync(TestSite site, Guid id, Func<Notification, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var notification = await GetAsync(site, id);
            if (condition(notification))
            {
                return notification;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Notification {id} is {notification.Status} after {notification.Attempts} attempt(s) ({notification.LastError}).");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The SQLite files' text, or empty for a PostgreSQL site.</summary>
    public static string SqliteFilesTextOrEmpty(TestSite site) =>
        Directory.Exists(site.DataFolder) && Directory.GetFiles(site.DataFolder, "customers.db*").Length > 0 ? SqliteFilesText(site) : "";

    /// <summary>Every byte of the SQLite database files, WAL included, as text to search for secrets.</summary>
    public static string SqliteFilesText(TestSite site)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var builder = new System.Text.StringBuilder();
        foreach (var file in Directory.GetFiles(site.DataFolder, "customers.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            builder.Append(reader.ReadToEnd());
        }

        return builder.ToString();
    }
}
