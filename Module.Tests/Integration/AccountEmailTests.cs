using System.Net;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Commerce.Customers.Tests.Integration;

/// <summary>The outbox against a real SMTP server on 127.0.0.1 and a real SQLite file.</summary>
public sealed class AccountEmailTests : IAsyncLifetime, IDisposable
{
    private const string Frank = "frank@martin.com";
    private SmtpTestServer _smtp = null!;
    private readonly CapturedLogs _logs = new();

    public async Task InitializeAsync() => _smtp = await SmtpTestServer.StartAsync();

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    public void Dispose() => _logs.Dispose();

    private Task<TestSite> StartSiteAsync(Dictionary<string, string>? settings = null, string? dataFolder = null) =>
        TestSite.StartAsync(new TestSiteOptions { Smtp = _smtp, Logs = _logs, Settings = settings ?? [], DataFolder = dataFolder });

    [Fact]
    public async Task A_queued_password_is_delivered_once_then_erased_and_never_stored_or_logged_in_plaintext()
    {
        await using var site = await StartSiteAsync();
        var password = "Plain-" + Guid.NewGuid().ToString("N")[..12];

        var queued = await Outbox.EnqueueAsync(site, Frank, EmailTemplateDefinitions.LoginCreated, password);

        var received = Assert.Single(await _smtp.WaitForAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal(queued.MessageId, received.MessageId);
        Assert.Equal([Frank], received.To);
        Assert.Contains($"Password: {password}", received.TextBody, StringComparison.Ordinal);
        Assert.Contains(password, received.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("Your account at Test shop", received.Subject);

        var sent = await Outbox.WaitUntilAsync(site, queued.Id, n => n.Status == NotificationStatus.Sent);
        Assert.Null(sent.ProtectedSecret);
        Assert.True(sent.HadSecret);
        Assert.Equal(1, sent.Attempts);
        Assert.DoesNotContain(password, sent.Subject + sent.ModelJson, StringComparison.Ordinal);

        Assert.DoesNotContain(password, Outbox.SqliteFilesText(site), StringComparison.Ordinal);
        Assert.DoesNotContain(password, _logs.AllText, StringComparison.Ordinal);
        // The check above means something only if the site's logs were really captured.
        Assert.Contains(_logs.Lines, line => line.Contains("Database ready", StringComparison.Ordinal));
    }

    [Fact]
    public async Task While_queued_the_secret_is_encrypted_at_rest()
    {
        await using var site = await StartSiteAsync(new() { ["CommerceCustomers:Email:Dispatcher:Enabled"] = "false" });
        var password = "Plain-" + Guid.NewGuid().ToString("N")[..12];

        var queued = await Outbox.EnqueueAsync(site, Frank, EmailTemplateDefinitions.PasswordChanged, password);

        var stored = await Outbox.GetAsync(site, queued.Id);
        Assert.Equal(NotificationStatus.Queued, stored.Status);
        Assert.NotNull(stored.ProtectedSecret);
        Assert.DoesNotContain(password, stored.ProtectedSecret, StringComparison.Ordinal);
        Assert.DoesNotContain(password, Outbox.SqliteFilesText(site), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_in_a_rolled_back_transaction_is_never_sent()
    {
        await using var site = await StartSiteAsync();

        var rolledBack = await Outbox.EnqueueAsync(site, Frank, EmailTemplateDefinitions.PasswordChangedNotice, null, commit: false);
        var committed = await Outbox.EnqueueAsync(site, "john@mcclane.com", EmailTemplateDefinitions.PasswordChangedNotice, null);

        await Outbox.WaitUntilAsync(site, committed.Id, n => n.Status == NotificationStatus.Sent);
        await Task.Delay(1000);
        Assert.Equal(["john@mcclane.com"], _smtp.Messages.SelectMany(m => m.To));
        Assert.False(await site.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Id == rolledBack.Id)));
    }

    [Fact]
    public async Task While_the_smtp_server_is_down_messages_are_retried_and_delivered_exactly_once_when_it_returns()
    {
        await using var site = await StartSiteAsync();
        await _smtp.StopAsync();

        var queued = new List<Notification>();
        foreach (var email in new[] { Frank, "john@mcclane.com", "apollo@creed.com" })
        {
            queued.Add(await Outbox.EnqueueAsync(site, email, EmailTemplateDefinitions.PasswordChanged, "Pw-" + Guid.NewGuid().ToString("N")[..10]));
        }

        foreach (var notification in queued)
        {
            var retrying = await Outbox.WaitUntilAsync(site, notification.Id, n => n.Attempts >= 2 && n.Status == NotificationStatus.Queued);
            Assert.NotNull(retrying.LastError);
            Assert.NotNull(retrying.ProtectedSecret);
        }

        await _smtp.StartAgainAsync();
        await _smtp.WaitForAsync(3, TimeSpan.FromSeconds(20));
        foreach (var notification in queued)
        {
            await Outbox.WaitUntilAsync(site, notification.Id, n => n.Status == NotificationStatus.Sent);
        }

        await Task.Delay(1500);
        Assert.Equal(queued.Select(n => n.MessageId).Order(), _smtp.Messages.Select(m => m.MessageId).Order());
    }

    [Fact]
    public async Task After_the_last_attempt_a_message_fails_visibly_and_its_password_is_erased()
    {
        await using var site = await StartSiteAsync(new() { ["CommerceCustomers:Email:Dispatcher:MaxAttempts"] = "2" });
        await _smtp.StopAsync();
        var password = "Pw-" + Guid.NewGuid().ToString("N")[..10];

        var queued = await Outbox.EnqueueAsync(site, Frank, EmailTemplateDefinitions.PasswordChanged, password);

        var failed = await Outbox.WaitUntilAsync(site, queued.Id, n => n.Status == NotificationStatus.Failed);
        Assert.Equal(2, failed.Attempts);
        Assert.Null(failed.ProtectedSecret);
        Assert.NotNull(failed.FailedUtc);
        Assert.False(string.IsNullOrEmpty(failed.LastError));
        Assert.DoesNotContain(password, _logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_queued_before_a_restart_are_delivered_by_the_restarted_site()
    {
        var folder = Path.Combine(Path.GetTempPath(), "commerce-restart-" + Guid.NewGuid().ToString("N")[..12]);
        var queued = new List<Notification>();
        await using (var stopped = await StartSiteAsync(new() { ["CommerceCustomers:Email:Dispatcher:Enabled"] = "false" }, folder))
        {
            for (var i = 0; i < 20; i++)
            {
                queued.Add(await Outbox.EnqueueAsync(stopped, i % 2 == 0 ? Frank : "john@mcclane.com", EmailTemplateDefinitions.PasswordChanged, $"Pw-{i}-" + Guid.NewGuid().ToString("N")[..8]));
            }
        }

        Assert.Empty(_smtp.Messages);
        try
        {
            await using var restarted = await TestSite.StartAsync(new TestSiteOptions { Smtp = _smtp, DataFolder = folder });
            await _smtp.WaitForAsync(20, TimeSpan.FromSeconds(30));
            await Task.Delay(1000);
            Assert.Equal(queued.Select(n => n.MessageId).Order(), _smtp.Messages.Select(m => m.MessageId).Order());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_pickup_folder_receives_an_eml_file_per_message_by_default()
    {
        await using var site = await TestSite.StartAsync();
        var password = "Pw-" + Guid.NewGuid().ToString("N")[..10];

        var queued = await Outbox.EnqueueAsync(site, Frank, EmailTemplateDefinitions.LoginCreated, password);
        await Outbox.WaitUntilAsync(site, queued.Id, n => n.Status == NotificationStatus.Sent);

        var file = Assert.Single(Directory.GetFiles(Path.Combine(site.DataFolder, "mail"), "*.eml"));
        using var message = await MimeMessage.LoadAsync(file);
        Assert.Equal(queued.MessageId, message.MessageId);
        Assert.Contains(password, message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Email_pages_edit_preview_refuse_bad_liquid_and_reset_templates()
    {
        await using var site = await StartSiteAsync();
        using var admin = site.CreateSiteClient();
        await admin.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);
        const string url = "/admin/email-templates/PasswordChangedNotice";

        var list = await admin.GetPageAsync("/admin/email-templates");
        Assert.Equal(EmailTemplateDefinitions.All.Count, EmailTemplateDefinitions.All.Count(definition => list.Contains($"data-template=\"{definition.Name}\"", StringComparison.Ordinal)));

        using (var broken = await admin.PostFormAsync(url, [new("Subject", "Hi {{ user_name "), new("HtmlBody", "<p>x</p>"), new("TextBody", "x"), new("Submit", "save")]))
        {
            Assert.Equal(HttpStatusCode.OK, broken.StatusCode);
            Assert.Contains("The subject is not valid Liquid", Html.FieldError(await broken.Content.ReadAsStringAsync(), "Subject"), StringComparison.Ordinal);
            Assert.False(await site.WithDbAsync(db => db.EmailTemplates.AnyAsync()));
        }

        using (var preview = await admin.PostFormAsync(url, [new("Subject", "Changed for {{ customer.first_name }}"), new("HtmlBody", "<p>{{ site.name }}</p>"), new("TextBody", "Hello {{ user_name }}"), new("Submit", "preview")]))
        {
            var page = await preview.Content.ReadAsStringAsync();
            Assert.Contains("<span id=\"preview-subject\">Changed for Frank</span>", page, StringComparison.Ordinal);
            Assert.Contains("Hello frank@martin.com", page, StringComparison.Ordinal);
            Assert.False(await site.WithDbAsync(db => db.EmailTemplates.AnyAsync()));
        }

        using (var saved = await admin.PostFormAsync(url, [new("Subject", "Notice for {{ customer.first_name }}"), new("HtmlBody", "<p>Changed: {{ user_name }}</p>"), new("TextBody", "Changed: {{ user_name }}"), new("Submit", "save")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        await Outbox.EnqueueAsync(site, Frank, EmailTemplateDefinitions.PasswordChangedNotice, null);
        var received = Assert.Single(await _smtp.WaitForAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal("Notice for Frank", received.Subject);
        Assert.Equal("Changed: frank@martin.com", received.TextBody.Trim());

        using (var reset = await admin.PostFormAsync(url, [], postUrl: url + "/reset"))
        {
            Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        }

        Assert.False(await site.WithDbAsync(db => db.EmailTemplates.AnyAsync()));
        Assert.Contains("Your password for {{ site.name }} was changed", System.Net.WebUtility.HtmlDecode(await admin.GetPageAsync(url)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Email_settings_show_the_transport_and_send_a_test_email_at_once()
    {
        await using var site = await StartSiteAsync();
        using var admin = site.CreateSiteClient();
        await admin.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);

        var page = await admin.GetPageAsync("/admin/email-settings");
        Assert.Contains($"SMTP 127.0.0.1:{_smtp.Port} (None)", page, StringComparison.Ordinal);
        // Set up unattended, the site kept the address its administrator signed in at.
        Assert.Contains("<code>http://localhost</code> (kept when the site was set up", page, StringComparison.Ordinal);

        using (var invalid = await admin.PostFormAsync("/admin/email-settings", [new("TestRecipient", "nope")], postUrl: "/admin/email-settings/test"))
        {
            Assert.Contains("Enter a valid email address", Html.FieldError(await invalid.Content.ReadAsStringAsync(), "TestRecipient"), StringComparison.Ordinal);
        }

        using var sent = await admin.PostFormAsync("/admin/email-settings", [new("TestRecipient", "ops@example.com")], postUrl: "/admin/email-settings/test");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var received = Assert.Single(_smtp.Messages);
        Assert.Equal(["ops@example.com"], received.To);

        await _smtp.StopAsync();
        using var down = await admin.PostFormAsync("/admin/email-settings", [new("TestRecipient", "ops@example.com")], postUrl: "/admin/email-settings/test");
        Assert.Equal(HttpStatusCode.OK, down.StatusCode);
        Assert.Contains("The test email could not be sent", Html.FieldError(await down.Content.ReadAsStringAsync(), "TestRecipient"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_customer_tab_and_the_queue_show_history_and_resend_only_what_has_no_erased_secret()
    {
        await using var site = await StartSiteAsync();
        using var admin = site.CreateSiteClient();
        await admin.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);
        var withPassword = await Outbox.EnqueueAsync(site, Frank, EmailTemplateDefinitions.PasswordChanged, "Pw-" + Guid.NewGuid().ToString("N")[..10]);
        var notice = await Outbox.EnqueueAsync(site, Frank, EmailTemplateDefinitions.PasswordChangedNotice, null);
        await Outbox.WaitUntilAsync(site, withPassword.Id, n => n.Status == NotificationStatus.Sent);
        await Outbox.WaitUntilAsync(site, notice.Id, n => n.Status == NotificationStatus.Sent);
        var customerId = await site.WithDbAsync(db => db.Customers.Where(c => c.Email == Frank).Select(c => c.Id).SingleAsync());

        var tab = await admin.GetPageAsync($"/admin/customers/{customerId}/notifications");
        Assert.Contains($"data-message-id=\"{withPassword.MessageId}\"", tab, StringComparison.Ordinal);
        Assert.Contains("erased when it was delivered", System.Net.WebUtility.HtmlDecode(tab), StringComparison.Ordinal);

        using (var refused = await admin.PostFormAsync($"/admin/customers/{customerId}/notifications", [], postUrl: $"/admin/notifications/{withPassword.Id}/resend"))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        }

        using (var resent = await admin.PostFormAsync($"/admin/customers/{customerId}/notifications", [new("returnUrl", $"/admin/customers/{customerId}/notifications")], postUrl: $"/admin/notifications/{notice.Id}/resend"))
        {
            Assert.Equal($"/admin/customers/{customerId}/notifications", resent.Headers.Location!.OriginalString);
        }

        await _smtp.WaitForAsync(3, TimeSpan.FromSeconds(20));
        await Task.Delay(500);
        Assert.Equal(3, _smtp.Messages.Count);
        Assert.Equal(2, _smtp.Messages.Count(m => m.Subject.Contains("was changed", StringComparison.Ordinal)));
        Assert.Equal(3, _smtp.Messages.Select(m => m.MessageId).Distinct().Count());

        var queue = await admin.GetPageAsync("/admin/notifications?status=sent");
        Assert.Contains(withPassword.MessageId, queue, StringComparison.Ordinal);
        var none = await admin.GetPageAsync("/admin/notifications?status=failed");
        Assert.Contains("No notifications.", none, StringComparison.Ordinal);
    }
}
