using System.Net;
using Commerce.Customers.Bulk;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Tests.Integration;

/// <summary>The list's bulk actions: run in the background, report every customer they could not handle, never do one twice.</summary>
public abstract class BulkActionsTests : IAsyncLifetime
{
    private TestSite _site = null!;

    protected SmtpTestServer Smtp { get; private set; } = null!;

    protected CapturedLogs Logs { get; } = new();

    protected abstract Task<TestSiteOptions> SiteOptionsAsync();

    /// <summary>How many customers get logins in the big run: a thousand, or more with <see cref="TestScale"/>.</summary>
    protected virtual int BulkSize => TestScale.BulkCustomers;

    public async Task InitializeAsync()
    {
        Smtp = await SmtpTestServer.StartAsync();
        _site = await TestSite.StartAsync((await SiteOptionsAsync()) with { Smtp = Smtp, Logs = Logs });
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    [Fact]
    public async Task Create_logins_for_a_thousand_customers_sends_one_email_each_and_none_twice()
    {
        await AddCustomersAsync("bulkmember", BulkSize);
        using var admin = await _site.AdminClientAsync();

        var id = await BulkJobs.StartAsync(admin, "create-logins", [new("Scope", "all"), new("Q", "bulkmember")]);
        var progress = await BulkJobs.WaitUntilFinishedAsync(admin, id, TimeSpan.FromMinutes(8));

        Assert.Equal("Completed", progress.GetProperty("status").GetString());
        Assert.Equal(BulkSize, progress.GetProperty("succeeded").GetInt32());
        Assert.Equal(0, progress.GetProperty("failed").GetInt32());
        Assert.Equal(BulkSize, await _site.WithDbAsync(db => db.Customers.CountAsync(c => c.NormalizedEmail.StartsWith("BULKMEMBER") && c.UserId != null)));

        var emails = await Smtp.WaitForAsync(BulkSize, TimeSpan.FromMinutes(5));
        await Task.Delay(1000); // Anything doubled would arrive now.
        emails = Smtp.Messages;
        Assert.True(BulkSize == emails.Count, $"{emails.Count} emails: " + string.Join(", ", emails.GroupBy(email => email.To.Single()).Where(group => group.Count() > 1 || !group.Key.StartsWith("bulkmember", StringComparison.Ordinal)).Select(group => $"{group.Key} x{group.Count()}: {string.Join(" ", group.Select(email => email.MessageId))}")) + "\n" + string.Join("\n", Logs.Lines.Where(line => line.StartsWith("Warning Commerce", StringComparison.Ordinal) || line.StartsWith("Error", StringComparison.Ordinal) || line.Contains("as sent failed", StringComparison.Ordinal)).Take(20)));
        Assert.Equal(BulkSize, emails.Select(email => email.To.Single()).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(BulkSize, emails.Select(email => email.MessageId).Distinct(StringComparer.Ordinal).Count());
        Assert.All(emails, email => Assert.NotEmpty(Emails.Password(email)));
        Assert.Equal(BulkSize, await _site.WithDbAsync(db => db.LoginAudits.CountAsync(a => a.Action == LoginAuditAction.LoginCreated)));
    }

    [Fact]
    public async Task Customers_that_cannot_be_registered_are_reported_not_skipped_silently()
    {
        var ids = await AddCustomersAsync("partly", 3);
        var noEmail = await _site.WithDbAsync(async db =>
        {
            var customer = new Customer { LastName = "Without email", CreatedUtc = DateTime.UtcNow };
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            return customer.Id;
        });
        var frank = await _site.WithDbAsync(db => db.Customers.Where(c => c.Email == "frank@martin.com").Select(c => c.Id).SingleAsync());
        using var admin = await _site.AdminClientAsync();

        var selection = ids.Append(noEmail).Append(frank).Select(id => new KeyValuePair<string, string>("Ids", id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append(new("Scope", "selected"));
        var id = await BulkJobs.StartAsync(admin, "create-logins", selection);
        var progress = await BulkJobs.WaitUntilFinishedAsync(admin, id, TimeSpan.FromMinutes(2));

        Assert.Equal(3, progress.GetProperty("succeeded").GetInt32());
        Assert.Equal(2, progress.GetProperty("failed").GetInt32());
        var issues = await BulkJobs.IssuesAsync(_site, id);
        Assert.Contains(issues, issue => issue.CustomerId == noEmail && issue.Message.Contains("no email", StringComparison.Ordinal));
        Assert.Contains(issues, issue => issue.CustomerId == frank && issue.Message.Contains("already has a login", StringComparison.Ordinal));
        var page = WebUtility.HtmlDecode(await admin.GetPageAsync($"/admin/customers/jobs/{id}"));
        Assert.Contains("Problems (2)", page, StringComparison.Ordinal);
        Assert.Contains("already has a login", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_reads_in_each_viewers_language_and_reports_in_its_starters()
    {
        var ids = await AddCustomersAsync("polyglot", 2);
        var frank = await _site.WithDbAsync(db => db.Customers.Where(c => c.Email == "frank@martin.com").Select(c => c.Id).SingleAsync());
        using var admin = await _site.AdminClientAsync();
        var selection = ids.Append(frank).Select(id => new KeyValuePair<string, string>("Ids", id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append(new("Scope", "selected"));
        var english = await BulkJobs.StartAsync(admin, "create-logins", selection);
        await BulkJobs.WaitUntilFinishedAsync(admin, english, TimeSpan.FromMinutes(2));
        var filtered = await BulkJobs.StartAsync(admin, "create-logins", [new("Scope", "all"), new("Q", "nobody-by-this-name"), new("Registered", "no")]);
        await BulkJobs.WaitUntilFinishedAsync(admin, filtered, TimeSpan.FromMinutes(2));

        // Started in English, read in German: the title is German for this reader.
        using var german = await _site.AdminClientAsync();
        german.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE,de;q=0.9");
        Assert.Contains("<h1>Logins für 3 ausgewählte Kunden anlegen</h1>", WebUtility.HtmlDecode(await german.GetPageAsync($"/admin/customers/jobs/{english}")), StringComparison.Ordinal);
        var list = WebUtility.HtmlDecode(await german.GetPageAsync("/admin/customers/jobs"));
        Assert.Contains("Logins für alle 0 zu „nobody-by-this-name“, nicht registriert passenden Kunden anlegen", list, StringComparison.Ordinal);
        Assert.Contains("Create logins for 3 selected customers", WebUtility.HtmlDecode(await admin.GetPageAsync("/admin/customers/jobs")), StringComparison.Ordinal);

        // A starter who chose German gets the job's problems in German, though it runs in the background.
        await _site.WithDbAsync(async db => await db.Users.Where(u => u.Email == TestSite.AdminEmail).ExecuteUpdateAsync(set => set.SetProperty(u => u.Culture, "de")));
        var inGerman = await BulkJobs.StartAsync(admin, "create-logins", [new("Ids", frank.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Scope", "selected")]);
        await BulkJobs.WaitUntilFinishedAsync(admin, inGerman, TimeSpan.FromMinutes(2));
        Assert.Equal("Der Kunde hat bereits einen Login.", Assert.Single(await BulkJobs.IssuesAsync(_site, inGerman)).Message);
        Assert.Equal("The customer already has a login.", Assert.Single(await BulkJobs.IssuesAsync(_site, english)).Message);
    }

    [Fact]
    public async Task Disable_logins_ends_their_sessions_lists_customers_without_one_and_enable_opens_them_again()
    {
        var unregistered = (await AddCustomersAsync("gated", 1)).Single();
        var frank = await _site.WithDbAsync(db => db.Customers.Where(c => c.Email == "frank@martin.com").Select(c => c.Id).SingleAsync());
        await _site.WithDbAsync(async (_, services) =>
        {
            var users = services.GetRequiredService<UserManager<ShopUser>>();
            var user = await users.FindByEmailAsync("frank@martin.com");
            return (await users.ResetPasswordAsync(user!, await users.GeneratePasswordResetTokenAsync(user!), "Old-Secret-Pass-77")).Succeeded;
        });
        using var frankSession = _site.CreateSiteClient();
        await frankSession.SignInAsync("frank@martin.com", "Old-Secret-Pass-77");
        using var admin = await _site.AdminClientAsync();
        var selection = new[] { frank, unregistered }.Select(id => new KeyValuePair<string, string>("Ids", id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append(new("Scope", "selected")).ToList();

        // Without a reason nothing starts: the confirmation page asks for one.
        using (var refused = await admin.PostFormAsync("/admin/customers", [.. selection, new("Action", "disable-logins"), new("Reason", " ")], "/admin/customers/bulk/start"))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Say why the login is disabled", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.Equal(0, await _site.WithDbAsync(db => db.BulkJobs.CountAsync()));

        var disable = await BulkJobs.StartAsync(admin, "disable-logins", [.. selection, new("Reason", "Suspected shared account")]);
        var progress = await BulkJobs.WaitUntilFinishedAsync(admin, disable, TimeSpan.FromMinutes(2));
        Assert.Equal((1, 1), (progress.GetProperty("succeeded").GetInt32(), progress.GetProperty("failed").GetInt32()));
        Assert.Equal("The customer has no login to disable.", Assert.Single(await BulkJobs.IssuesAsync(_site, disable)).Message);
        Assert.Equal("Suspected shared account", await _site.WithDbAsync(db => db.Users.Where(u => u.Email == "frank@martin.com").Select(u => u.DisabledReason).SingleAsync()));
        Assert.StartsWith("/account/login", Html.RedirectPath(await frankSession.GetAsync("/account")), StringComparison.Ordinal);
        Assert.Contains("<h1>Disable the logins of 2 selected customers</h1>", await admin.GetPageAsync($"/admin/customers/jobs/{disable}"), StringComparison.Ordinal);

        var enable = await BulkJobs.StartAsync(admin, "enable-logins", selection);
        await BulkJobs.WaitUntilFinishedAsync(admin, enable, TimeSpan.FromMinutes(2));
        Assert.Null(await _site.WithDbAsync(db => db.Users.Where(u => u.Email == "frank@martin.com").Select(u => u.DisabledUtc).SingleAsync()));
        Assert.Equal([LoginAuditAction.LoginDisabled, LoginAuditAction.LoginEnabled],
            await _site.WithDbAsync(db => db.LoginAudits.Where(a => a.CustomerId == frank).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task Bulk_delete_removes_the_selected_customers_and_their_logins_and_nothing_else()
    {
        var ids = await AddCustomersAsync("doomed", 4);
        var frank = await _site.WithDbAsync(db => db.Customers.Where(c => c.Email == "frank@martin.com").Select(c => new { c.Id, c.UserId }).SingleAsync());
        var before = await _site.WithDbAsync(db => db.Customers.CountAsync());
        using var admin = await _site.AdminClientAsync();

        var selection = ids.Take(3).Append(frank.Id).Select(id => new KeyValuePair<string, string>("Ids", id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append(new("Scope", "selected"));
        var id = await BulkJobs.StartAsync(admin, "delete", selection, deleteLogins: true);
        var progress = await BulkJobs.WaitUntilFinishedAsync(admin, id, TimeSpan.FromMinutes(2));

        Assert.Equal(4, progress.GetProperty("succeeded").GetInt32());
        Assert.Equal(before - 4, await _site.WithDbAsync(db => db.Customers.CountAsync()));
        Assert.True(await _site.WithDbAsync(db => db.Customers.AnyAsync(c => c.Id == ids[3])));
        Assert.False(await _site.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == frank.UserId)));
    }

    [Fact]
    public async Task Export_of_selected_rows_holds_exactly_those_rows()
    {
        var ids = await AddCustomersAsync("exported", 5);
        using var admin = await _site.AdminClientAsync();
        var fields = new List<KeyValuePair<string, string>> { new("Action", "export"), new("Scope", "selected"), new("Ids", ids[1].ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Ids", ids[3].ToString(System.Globalization.CultureInfo.InvariantCulture)) };

        using var response = await admin.PostFormAsync("/admin/customers", fields, "/admin/customers/bulk");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"{ids[1]},", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"{ids[3]},", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_bulk_request_is_refused_with_a_reason_and_starts_nothing()
    {
        using var admin = await _site.AdminClientAsync();
        foreach (var (fields, reason) in new (KeyValuePair<string, string>[] Fields, string Reason)[]
        {
            ([new("Scope", "selected"), new("Ids", "1")], "Choose a bulk action"),
            ([new("Action", "create-logins"), new("Scope", "selected")], "Select at least one customer"),
            ([new("Action", "delete"), new("Scope", "everything")], "Choose whether"),
            ([new("Action", "format-disk"), new("Scope", "all")], "Choose a bulk action"),
        })
        {
            using var refused = await admin.PostFormAsync("/admin/customers", fields, "/admin/customers/bulk/start");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains(reason, WebUtility.HtmlDecode(await admin.GetPageAsync(Html.RedirectPathAndQuery(refused))), StringComparison.Ordinal);
        }

        Assert.Equal(0, await _site.WithDbAsync(db => db.BulkJobs.CountAsync()));
        using var noToken = await admin.PostWithoutTokenAsync("/admin/customers/bulk/start", [new("Action", "delete"), new("Scope", "all")]);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(0, await _site.WithDbAsync(db => db.BulkJobs.CountAsync()));
    }

    [Fact]
    public async Task Stopping_a_running_job_keeps_what_it_did_and_does_nothing_more()
    {
        var ids = await AddCustomersAsync("stopped", 4);
        // Another node runs the job and has done the first customer; its lease still holds.
        var jobId = await _site.WithDbAsync(async db =>
        {
            var job = new BulkJob
            {
                Kind = BulkJobKind.CreateLogins, Status = BulkJobStatus.Running, CreatedByName = "admin@example.com",
                CreatedUtc = DateTime.UtcNow, StartedUtc = DateTime.UtcNow, Total = 4, Processed = 1, Succeeded = 1, Cursor = ids[0],
                SelectionJson = new BulkSelection(ids, null, null, ids.Max()).ToJson(), LeaseOwner = "other-node", LeaseExpiresUtc = DateTime.UtcNow.AddMinutes(5),
            };
            db.BulkJobs.Add(job);
            await db.SaveChangesAsync();
            return job.Id;
        });

        using var admin = await _site.AdminClientAsync();
        using (var stopped = await admin.PostFormAsync($"/admin/customers/jobs/{jobId}", [], $"/admin/customers/jobs/{jobId}/cancel"))
        {
            Assert.Equal(HttpStatusCode.Redirect, stopped.StatusCode);
        }

        Assert.Contains("What it had already done stays done", WebUtility.HtmlDecode(await admin.GetPageAsync($"/admin/customers/jobs/{jobId}")), StringComparison.Ordinal);
        Assert.True(await _site.WithDbAsync(db => db.BulkJobs.Where(job => job.Id == jobId).Select(job => job.CancelRequested).SingleAsync()));

        // That node dies; the node that takes the job over stops it instead of going on.
        await _site.WithDbAsync(db => db.BulkJobs.Where(job => job.Id == jobId).ExecuteUpdateAsync(set => set.SetProperty(job => job.LeaseExpiresUtc, DateTime.UtcNow.AddMinutes(-1))));
        var progress = await BulkJobs.WaitUntilFinishedAsync(admin, jobId, TimeSpan.FromMinutes(1));

        Assert.Equal("Cancelled", progress.GetProperty("status").GetString());
        Assert.Equal(1, progress.GetProperty("processed").GetInt32());
        Assert.False(await _site.WithDbAsync(db => db.Customers.AnyAsync(c => ids.Contains(c.Id) && c.UserId != null)));
        Assert.Contains($"<a href=\"/admin/customers/jobs/{jobId}\">Create logins for 4 selected customers</a>", await admin.GetPageAsync("/admin/customers/jobs"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_left_by_a_dead_node_is_resumed_after_its_last_committed_customer()
    {
        var ids = await AddCustomersAsync("resumed", 6);
        // A node claimed the job, created logins for the first three customers, then died: its lease ran out.
        var jobId = await _site.WithDbAsync(async (db, services) =>
        {
            var job = new BulkJob
            {
                Kind = BulkJobKind.CreateLogins, Status = BulkJobStatus.Running, CreatedByName = "admin@example.com",
                CreatedUtc = DateTime.UtcNow, StartedUtc = DateTime.UtcNow, Total = 6, Processed = 3, Succeeded = 3, Cursor = ids[2],
                SelectionJson = new BulkSelection(ids, null, null, ids.Max()).ToJson(), LeaseOwner = "dead-node", LeaseExpiresUtc = DateTime.UtcNow.AddMinutes(-1),
            };
            db.BulkJobs.Add(job);
            await db.SaveChangesAsync();
            return job.Id;
        });

        using var admin = await _site.AdminClientAsync();
        var progress = await BulkJobs.WaitUntilFinishedAsync(admin, jobId, TimeSpan.FromMinutes(2));

        Assert.Equal(6, progress.GetProperty("processed").GetInt32());
        var registered = await _site.WithDbAsync(db => db.Customers.Where(c => ids.Contains(c.Id) && c.UserId != null).Select(c => c.Id).ToListAsync());
        Assert.Equal(ids.Skip(3).Order(), registered.Order());
    }

    /// <summary>Adds unregistered customers named prefix0001… with emails prefix0001@example.com, in one save.</summary>
    private Task<List<int>> AddCustomersAsync(string prefix, int count) => _site.WithDbAsync(async db =>
    {
        var customers = Enumerable.Range(1, count).Select(i => new Customer
        {
            FirstName = "Bulk",
            LastName = $"{prefix}{i:0000}",
            Email = $"{prefix}{i:0000}@example.com",
            CreatedUtc = DateTime.UtcNow,
        }).ToList();
        db.Customers.AddRange(customers);
        await db.SaveChangesAsync();
        return customers.Select(c => c.Id).ToList();
    });
}

[LongRunning(120)]
public sealed class SqliteBulkActionsTests : BulkActionsTests
{
    protected override Task<TestSiteOptions> SiteOptionsAsync() => Task.FromResult(new TestSiteOptions());
}

[LongRunning(80)]
public sealed class PostgresBulkActionsTests(SharedPostgresServer postgres) : BulkActionsTests, IClassFixture<SharedPostgresServer>
{
    protected override async Task<TestSiteOptions> SiteOptionsAsync() =>
        new() { Provider = DatabaseProvider.PostgreSql, ConnectionString = await postgres.CreateDatabaseAsync("bulk") };
}
