using System.Globalization;
using Commerce.Customers.Data;
using Commerce.Customers.Notifications;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Commerce.Customers.Benchmarks;

/// <summary>
/// 1,000 queued emails to an SMTP server on 127.0.0.1: the product's outbox dispatcher (claim,
/// render, send over one connection per batch, record each) against a naive sender that opens a
/// connection per message, and against a raw MailKit loop on one connection.
/// </summary>
public sealed class DispatchBenchmark(BenchOptions options, string dataFolder, ResultTable table)
{
    private const int Messages = 1000;

    public async Task RunAsync()
    {
        await using var sink = new SmtpSink();
        var port = sink.Port;
        await using var site = InProcessSite.Create(options, dataFolder, new Dictionary<string, string?>
        {
            ["CommerceCustomers:Email:Delivery"] = "Smtp",
            ["CommerceCustomers:Email:Smtp:Host"] = "127.0.0.1",
            ["CommerceCustomers:Email:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["CommerceCustomers:Email:Smtp:Security"] = "None",
        });

        var sample = await QueueAsync(site);
        var naive = await Measure.TimeAsync(() => SendAsync(sample, port, connectionPerMessage: true));
        var rawBefore = await Measure.TimeAsync(() => SendAsync(sample, port, connectionPerMessage: false));
        var product = await Measure.TimeAsync(() => DispatchAllAsync(site, sink));
        var rawAfter = await Measure.TimeAsync(() => SendAsync(sample, port, connectionPerMessage: false));
        var raw = (rawBefore + rawAfter) / 2;

        table.Add(new BenchResult($"Email dispatch, {Messages:N0} messages against one connection per message", ResultTable.Ms(product), ResultTable.Ms(naive) + " naive", naive / product, "≥ 10× faster", naive / product >= 10));
        table.Add(new BenchResult($"Email dispatch, {Messages:N0} messages against a raw MailKit loop", ResultTable.Ms(product), ResultTable.Ms(raw) + " raw MailKit", raw / product, "≥ 0.7×", raw / product >= 0.7));
    }

    /// <summary>Queues the messages as login flows do, in one transaction, and renders one to send raw.</summary>
    private static async Task<MimeMessage> QueueAsync(InProcessSite site)
    {
        await using var scope = site.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        var notifications = scope.ServiceProvider.GetRequiredService<ICustomerNotifications>();
        var customers = await db.Customers.Where(c => c.Email != null).OrderBy(c => c.Id).Take(Messages).ToListAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var customer in customers)
        {
            await notifications.EnqueueAsync(EmailTemplateDefinitions.PasswordChangedNotice, customer, customer.Email!, null);
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Benchmark shop", "shop@localhost.localdomain"));
        message.To.Add(new MailboxAddress(customers[0].FirstName, customers[0].Email!));
        message.Subject = "Your password for Benchmark shop was changed";
        message.Body = new BodyBuilder { TextBody = new string('x', 400), HtmlBody = "<p>" + new string('x', 600) + "</p>" }.ToMessageBody();
        return message;
    }

    private static async Task DispatchAllAsync(InProcessSite site, SmtpSink sink)
    {
        var before = sink.Received;
        var dispatcher = site.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<NotificationDispatcher>().Single();
        while (await dispatcher.DispatchBatchAsync(CancellationToken.None) > 0)
        {
        }

        await sink.WaitForAsync(before + Messages, TimeSpan.FromMinutes(2));
    }

    private static async Task SendAsync(MimeMessage message, int port, bool connectionPerMessage)
    {
        using var client = new SmtpClient();
        for (var i = 0; i < Messages; i++)
        {
            if (!client.IsConnected)
            {
                await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
            }

            message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("localhost");
            await client.SendAsync(message);
            if (connectionPerMessage)
            {
                await client.DisconnectAsync(quit: true);
            }
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true);
        }
    }
}
