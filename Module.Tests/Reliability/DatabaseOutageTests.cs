using System.Globalization;
using System.Net;
using Commerce.Customers.Bulk;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace Commerce.Customers.Tests.Reliability;

/// <summary>Issue 8, database outage: PostgreSQL stops for ten seconds under a working site.</summary>
[Collection(ReliabilityCollection.Name)]
public sealed class DatabaseOutageTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const string OutageMessage = "database is unavailable just now";

    [Fact]
    public async Task During_a_database_outage_requests_get_a_clear_503_nothing_is_half_written_and_afterwards_the_site_works_without_a_restart()
    {
        var outage = ReliabilitySizes.DatabaseOutage;
        await using var farm = await Farm.StartAsync(postgres, "dboutage");
        var customers = await farm.AddCustomersAsync(12);
        var node = await farm.StartNodeAsync("a");
        using var admin = await node.AdminClientAsync();
        var token = SiteClient.AntiforgeryToken(await admin.GetPageAsync(LoginActions.TabUrl(customers[0])));
        using var visitor = node.CreateSiteClient();
        var signInToken = SiteClient.AntiforgeryToken(await visitor.GetPageAsync("/admin/login"));
        foreach (var customer in customers.Take(4))
        {
            Assert.Equal(HttpStatusCode.Redirect, await LoginActions.PostAsync(admin, customer, LoginAction.Create));
        }

        // Changes in flight as the server goes down: each must commit whole or not at all.
        var inFlight = customers.Take(8).Select((customer, i) => TimedAsync(() => LoginActions.PostWithTokenAsync(admin, token, customer, i < 4 ? LoginAction.Generate : LoginAction.Create))).ToList();
        await postgres.StopForOutageAsync();
        var duringOutage = new List<(string Request, HttpStatusCode Status, string Body)>();
        var outageEnds = DateTime.UtcNow + outage;
        while (DateTime.UtcNow < outageEnds)
        {
            foreach (var (name, request) in new (string, Func<Task<HttpResponseMessage>>)[]
            {
                ("list", () => admin.GetAsync("/admin/customers")),
                ("tab", () => admin.GetAsync(LoginActions.TabUrl(customers[9]))),
                ("create login", () => LoginActions.PostWithTokenAsync(admin, token, customers[9], LoginAction.Create)),
                ("sign in", () => SignInWithTokenAsync(visitor, signInToken)),
            })
            {
                using var response = await TimedAsync(request);
                duringOutage.Add((name, response.StatusCode, await response.Content.ReadAsStringAsync()));
            }

            await Task.Delay(500);
        }

        await postgres.StartAgainAsync();
        var inFlightStatuses = new List<HttpStatusCode>();
        foreach (var request in inFlight)
        {
            using var response = await request;
            inFlightStatuses.Add(response.StatusCode);
        }

        var halfWritten = await HalfWrittenChangesAsync(farm);
        var unclear = duringOutage.Where(r => r.Status != HttpStatusCode.ServiceUnavailable || !r.Body.Contains(OutageMessage, StringComparison.Ordinal)).ToList();

        // Afterwards the same process serves again: sign in, the list, and a new login whose email works.
        using var newAdmin = await node.AdminClientAsync();
        var list = await newAdmin.GetPageAsync("/admin/customers");
        var created = await LoginActions.PostAsync(newAdmin, customers[10], LoginAction.Create);
        var queued = await farm.NotificationsAsync();
        IReadOnlyList<ReceivedEmail> received;
        try
        {
            received = await farm.Smtp.WaitForAsync(queued.Count, TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException timeout)
        {
            var outbox = (await farm.NotificationsAsync()).Select(n => $"{n.Status}, {n.Attempts} attempt(s), lease until {n.LeaseExpiresUtc:O}, {n.LastError}");
            throw new TimeoutException($"{timeout.Message} The outbox: {string.Join("; ", outbox)}", timeout);
        }

        var lastEmail = received.Single(message => message.MessageId == queued.Last(n => n.CustomerId == customers[10]).MessageId);
        var emails = await farm.EmailsByIdAsync();
        var newLoginWorks = await LoginActions.SignsInAsync(visitor, emails[customers[10]], Emails.Password(lastEmail));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"database outage: {outage.TotalSeconds:0} s down, {duringOutage.Count} requests during it, {duringOutage.Count(r => r.Status == HttpStatusCode.ServiceUnavailable)} 503s, {duringOutage.Count(r => r.Status == HttpStatusCode.InternalServerError)} 500s, {unclear.Count} without the clear page, {inFlight.Count} changes in flight ({inFlightStatuses.Count(s => s == HttpStatusCode.Redirect)} done, {inFlightStatuses.Count(s => s == HttpStatusCode.ServiceUnavailable)} refused), {halfWritten.Count} half-written, recovered without a restart: {created == HttpStatusCode.Redirect && newLoginWorks}"));

        Assert.True(unclear.Count == 0, "Not the clear 503 page: " + string.Join("\n", unclear.Take(3).Select(r => $"{r.Request}: {(int)r.Status} {r.Body[..Math.Min(r.Body.Length, 300)]}")) + "\n" + node.Problems());
        Assert.All(inFlightStatuses, status => Assert.Contains(status, new[] { HttpStatusCode.Redirect, HttpStatusCode.ServiceUnavailable }));
        Assert.True(halfWritten.Count == 0, string.Join("\n", halfWritten));
        Assert.False(node.HasExited, "The node stopped: " + node.Problems());
        Assert.Contains("customer1@reliability.test", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, created);
        Assert.True(newLoginWorks, "The password emailed after the outage does not sign in.");
    }

    [Fact]
    public async Task A_dispatcher_cut_off_mid_batch_by_a_database_outage_finishes_the_batch_when_the_database_returns_without_waiting_out_its_lease()
    {
        const int count = 10;
        await using var farm = await Farm.StartAsync(postgres, "dispatchoutage");
        var customerIds = await farm.AddCustomersAsync(count);
        var queued = await farm.QueueEmailsAsync(customerIds, count);

        // The observer's own dispatcher loop is off, so this batch is the only one: it claims all ten
        // at once, and a slow server keeps it busy for seconds, so the outage lands mid-batch.
        var dispatcher = farm.Observer.Services.GetServices<IHostedService>().OfType<NotificationDispatcher>().Single();
        farm.Smtp.AcceptDelay = TimeSpan.FromSeconds(1);
        var batch = dispatcher.DispatchBatchAsync(CancellationToken.None);
        await farm.Smtp.WaitForAsync(1, TimeSpan.FromSeconds(60));
        Exception? cutOff;
        int sentBeforeOutageEnded;
        using (farm.Observer.Logs.Expecting(CapturedLogs.DatabaseOutage))
        {
            await postgres.StopForOutageAsync();
            cutOff = await Record.ExceptionAsync(() => batch.WaitAsync(TimeSpan.FromSeconds(90)));
            sentBeforeOutageEnded = farm.Smtp.Messages.Count;
            await postgres.StartAgainAsync();
        }

        Assert.NotEmpty(farm.Observer.Logs.Errors);

        // The claims' lease is two minutes; the next batch must not wait for it.
        farm.Smtp.AcceptDelay = TimeSpan.Zero;
        var claimedAfter = await dispatcher.DispatchBatchAsync(CancellationToken.None);
        var received = farm.Smtp.Messages.Select(message => message.MessageId).ToList();
        var rows = await farm.NotificationsAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dispatcher outage: {sentBeforeOutageEnded} of {count} sent before the outage ended (batch ended with {cutOff?.GetType().Name ?? "no error"}), {claimedAfter} claimed at once afterwards, {received.Count} received, {received.Count - received.Distinct().Count()} duplicates, {rows.Count(n => n.Status == NotificationStatus.Sent)} marked Sent"));

        Assert.True(sentBeforeOutageEnded < count, "The outage did not cut the batch off, so this run proves nothing.");
        Assert.Equal(queued.Order(), received.Order());
        Assert.All(rows, row => Assert.Equal(NotificationStatus.Sent, row.Status));
    }

    [Fact]
    public async Task A_bulk_job_cut_off_by_a_database_outage_resumes_when_the_database_returns_without_waiting_out_its_lease()
    {
        const int count = 100;
        await using var farm = await Farm.StartAsync(postgres, "bulkoutage");
        var ids = await farm.AddCustomersAsync(count);
        var jobId = await farm.Observer.WithDbAsync(async db =>
        {
            var job = new BulkJob
            {
                Kind = BulkJobKind.CreateLogins, Status = BulkJobStatus.Queued, CreatedByName = TestSite.AdminEmail,
                CreatedUtc = DateTime.UtcNow, Total = count, SelectionJson = new BulkSelection(ids, null, null, ids.Max()).ToJson(),
            };
            db.BulkJobs.Add(job);
            await db.SaveChangesAsync();
            return job.Id;
        });

        // The observer's own runner loop is off, so this is the only runner. Each login costs a
        // password hash, so the job takes seconds and the outage lands mid-job.
        var runner = farm.Observer.Services.GetServices<IHostedService>().OfType<BulkJobRunner>().Single();
        var run = runner.RunNextAsync(CancellationToken.None);
        var processedBefore = await WaitForProgressAsync(farm, jobId, 3);
        Exception? cutOff;
        using (farm.Observer.Logs.Expecting(CapturedLogs.DatabaseOutage))
        {
            await postgres.StopForOutageAsync();
            cutOff = await Record.ExceptionAsync(() => run.WaitAsync(TimeSpan.FromSeconds(90)));
            await postgres.StartAgainAsync();
        }

        Assert.NotEmpty(farm.Observer.Logs.Errors);

        // The claim's lease is a minute; the next run must not wait for it.
        var ranAfter = await runner.RunNextAsync(CancellationToken.None);
        var job = await farm.Observer.WithDbAsync(db => db.BulkJobs.AsNoTracking().SingleAsync(j => j.Id == jobId));
        var users = await farm.Observer.WithDbAsync(db => db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id) && c.UserId != null).CountAsync());
        var emails = await farm.NotificationsAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bulk job outage: {processedBefore} of {count} done when the database stopped (the run ended with {cutOff?.GetType().Name ?? "no error"}), resumed at once: {ranAfter}, finally {job.Status} with {job.Processed} processed, {job.Failed} failed, {users} logins, {emails.Count} emails"));

        Assert.NotNull(cutOff);
        Assert.True(job.Status == BulkJobStatus.Completed, $"The job is {job.Status} after {job.Processed} of {count}.");
        Assert.Equal((count, count, 0), (job.Processed, job.Succeeded, job.Failed));
        Assert.Equal(count, users);
        Assert.Equal(count, emails.Count);
        Assert.Equal(count, emails.Select(n => n.RecipientEmail).Distinct().Count());
    }

    private static async Task<int> WaitForProgressAsync(Farm farm, long jobId, int processed)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var done = await farm.Observer.WithDbAsync(db => db.BulkJobs.AsNoTracking().Where(j => j.Id == jobId).Select(j => j.Processed).SingleAsync());
            if (done >= processed)
            {
                return done;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The bulk job processed only {done} customer(s) in 60 s.");
            await Task.Delay(50);
        }
    }

    /// <summary>A request that hangs instead of failing fails the test.</summary>
    private static Task<HttpResponseMessage> TimedAsync(Func<Task<HttpResponseMessage>> request) =>
        request().WaitAsync(TimeSpan.FromSeconds(30));

    private static async Task<HttpResponseMessage> SignInWithTokenAsync(SiteClient visitor, string token)
    {
        using var content = new FormUrlEncodedContent([new("Email", TestSite.AdminEmail), new("Password", TestSite.AdminPassword), new("__RequestVerificationToken", token)]);
        return await visitor.Http.PostAsync(new Uri("/admin/login", UriKind.Relative), content);
    }

    /// <summary>Every login with its customer, audit row and email, and every email with the action that queued it.</summary>
    private static Task<List<string>> HalfWrittenChangesAsync(Farm farm) => farm.Observer.WithDbAsync(async db =>
    {
        var problems = new List<string>();
        var customers = await db.Customers.AsNoTracking().ToListAsync();
        var users = await db.Users.AsNoTracking().ToListAsync();
        var audits = await db.LoginAudits.AsNoTracking().Where(a => a.CustomerId != null).ToListAsync();
        var notifications = await db.Notifications.AsNoTracking().ToListAsync();
        foreach (var customer in customers.Where(c => c.UserId is not null))
        {
            if (users.All(u => u.Id != customer.UserId))
            {
                problems.Add($"{customer.Email} is linked to a user that does not exist.");
            }

            if (!audits.Any(a => a.CustomerId == customer.Id && a.Action == LoginAuditAction.LoginCreated && notifications.Any(n => n.Id == a.NotificationId)))
            {
                problems.Add($"{customer.Email} has a login without its audit row and email.");
            }
        }

        problems.AddRange(users.Where(u => u.Email != TestSite.AdminEmail && customers.All(c => c.UserId != u.Id)).Select(u => $"User {u.Email} belongs to no customer."));
        problems.AddRange(notifications.Where(n => audits.All(a => a.NotificationId != n.Id)).Select(n => $"Email {n.MessageId} to {n.RecipientEmail} has no action that queued it."));
        problems.AddRange(audits.Where(a => notifications.All(n => n.Id != a.NotificationId)).Select(a => $"Audit row {a.Id} ({a.Action}) has no email."));
        return problems;
    });
}
