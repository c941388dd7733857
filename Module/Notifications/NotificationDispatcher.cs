using Commerce.Customers.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Customers.Notifications;

/// <summary>
/// Delivers the outbox: claims due messages, sends them over one transport session, and records
/// each outcome as soon as it is known. Runs on every node; claims keep nodes from sending the
/// same message, and an expired claim lets another node finish the work of one that died.
/// </summary>
internal sealed class NotificationDispatcher(
    IServiceScopeFactory scopeFactory,
    IEmailTransport transport,
    EmailRenderer renderer,
    EmailMessageFactory messageFactory,
    NotificationSecrets secrets,
    NotificationSignal signal,
    IOptions<EmailOptions> options,
    ILogger<NotificationDispatcher> logger) : BackgroundService
{
    private const string MaskedSecret = "••••••••";
    private readonly UnrecordedOutcomes _unrecorded = new();

    private DispatcherOptions Settings => options.Value.Dispatcher;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Settings.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await DispatchBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database may be briefly unreachable; the messages are safe in it, so try again later.
                logger.LogWarning(exception, "The notification dispatcher could not run a batch; it will try again.");
            }

            if (sent == 0)
            {
                try
                {
                    await signal.WaitAsync(Settings.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <returns>How many messages were claimed.</returns>
    internal async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<NotificationQueue>();
        var templates = scope.ServiceProvider.GetRequiredService<EmailTemplateStore>();

        if (!_unrecorded.IsEmpty)
        {
            var lostClaims = await _unrecorded.WriteAsync(queue, cancellationToken);
            logger.LogInformation("Recorded the outcomes that the database could not take earlier.");
            if (lostClaims > 0)
            {
                logger.LogWarning("{Count} notification(s) were sent while the database was unreachable, and another node took them over meanwhile; it may send them again with the same Message-Id.", lostClaims);
            }
        }

        var owner = NotificationQueue.NewClaimOwner();
        IReadOnlyList<Notification> claimed;
        try
        {
            claimed = await queue.ClaimAsync(owner, Settings.BatchSize, Settings.LeaseDuration, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The database went away between writing the claim and reading it back (or took the
            // write and lost the answer): whatever this owner holds goes back before the next claim.
            _unrecorded.AddUnreadClaim(owner);
            throw;
        }

        if (claimed.Count == 0)
        {
            return 0;
        }

        logger.LogDebug("Claimed {Count} notification(s) for delivery.", claimed.Count);

        IEmailSession? session = null;
        var done = 0;
        // Each template is read once per batch, not once per message.
        var sources = new Dictionary<string, EmailTemplateSource>(StringComparer.Ordinal);
        try
        {
            try
            {
                session = await transport.OpenAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                foreach (var notification in claimed)
                {
                    await FailAsync(queue, notification, exception, cancellationToken);
                    done++;
                }

                return claimed.Count;
            }

            foreach (var notification in claimed)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // A batch can outlast its lease (a slow server, a busy machine), and another node
                // then claims its tail. Renewing each message's lease as its turn comes keeps that
                // node from sending it too; a message already taken over is left to that node.
                if (!await queue.RenewAsync(notification, Settings.LeaseDuration, cancellationToken))
                {
                    logger.LogInformation("Notification {NotificationId} was taken over by another node after its claim expired; this node leaves it.", notification.Id);
                    done++;
                    continue;
                }

                try
                {
                    var message = await BuildAsync(templates, sources, notification, cancellationToken);
                    await session.SendAsync(message, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    await FailAsync(queue, notification, exception, CancellationToken.None);
                    done++;
                    continue;
                }

                // Sent: from here on, failing to record it must not count as a failed attempt,
                // or the retry would deliver the message a second time.
                await RecordSentAsync(queue, notification);
                done++;
            }

            return claimed.Count;
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }

            // Stopping or cut off mid-batch: hand the unsent rest back so that they go out at once.
            await HandBackAsync(queue, claimed.Skip(done).ToList());
        }
    }

    /// <summary>
    /// Releases unsent claims. If the database cannot take that now (it went away mid-batch), they
    /// are handed back before the next claim instead of waiting out their lease.
    /// </summary>
    private async Task HandBackAsync(NotificationQueue queue, List<Notification> unsent)
    {
        for (var i = 0; i < unsent.Count; i++)
        {
            try
            {
                await queue.ReleaseAsync(unsent[i], CancellationToken.None);
            }
            catch (Exception exception)
            {
                logger.LogInformation("Could not hand back {Count} unsent notification(s) yet: {Error}", unsent.Count - i, exception.Message);
                foreach (var notification in unsent.Skip(i))
                {
                    _unrecorded.Add(notification, sent: false);
                }

                return;
            }
        }
    }

    /// <summary>
    /// Records a delivered message, retrying while the database is busy (a SQLite writer may hold
    /// the lock for a while). If it stays unreachable, the record waits for the next batch; only if
    /// this node dies first may the message go out again, once its claim expires, with the same Message-Id.
    /// </summary>
    private async Task RecordSentAsync(NotificationQueue queue, Notification notification)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (!await queue.MarkSentAsync(notification, CancellationToken.None))
                {
                    logger.LogWarning("Notification {NotificationId} was sent after its claim expired; another node may send it again with the same Message-Id.", notification.Id);
                }

                return;
            }
            catch (Exception exception) when (attempt < 6 && exception is not OperationCanceledException)
            {
                logger.LogInformation("Recording notification {NotificationId} as sent failed (attempt {Attempt}): {Error}", notification.Id, attempt, exception.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt)), CancellationToken.None);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning("Notification {NotificationId} was sent but could not be recorded yet ({Error}); it is recorded before the next claim.", notification.Id, exception.Message);
                _unrecorded.Add(notification, sent: true);
                return;
            }
        }
    }

    private async Task<MimeKit.MimeMessage> BuildAsync(EmailTemplateStore templates, Dictionary<string, EmailTemplateSource> sources, Notification notification, CancellationToken cancellationToken)
    {
        var definition = EmailTemplateDefinitions.Find(notification.Template)
            ?? throw new InvalidOperationException($"There is no email template '{notification.Template}'.");
        var secret = notification.ProtectedSecret is null ? null : secrets.Unprotect(notification.ProtectedSecret);
        if (definition.Secret != EmailSecretKind.None && secret is null)
        {
            throw new InvalidOperationException("The message's secret was erased, so it cannot be sent.");
        }

        var model = CustomerNotifications.ReadModel(notification.ModelJson).WithSecret(definition.Secret, secret);
        var sourceKey = notification.Template + "/" + notification.Culture;
        if (!sources.TryGetValue(sourceKey, out var source))
        {
            sources[sourceKey] = source = await templates.GetAsync(notification.Template, notification.Culture, cancellationToken);
        }

        var email = await renderer.RenderAsync(source, model);
        // A template saved before the checks on save existed is checked again here, with the real secret.
        if (secret is not null && LeakedTo(email, secret, model.Site.BaseUrl) is { } host)
        {
            throw new EmailTemplateRefusedException(EmailTemplateProblem.SecretLeavesSite, detail: host);
        }

        // The admin's lists show the subject as sent, with the secret masked; it is recorded with the delivery.
        var masked = definition.Secret == EmailSecretKind.None
            ? email.Subject
            : (await renderer.RenderAsync(source with { HtmlBody = "", TextBody = "" }, model.WithSecret(definition.Secret, MaskedSecret))).Subject;
        notification.Subject = masked.Length <= Notification.SubjectMaxLength ? masked : masked[..Notification.SubjectMaxLength];
        return messageFactory.Create(email, notification, model.Site.Name);
    }

    /// <summary>The foreign host a part of the email sends the secret to (for a link, its token), or null.</summary>
    private static string? LeakedTo(RenderedEmail email, string secret, string siteBaseUrl)
    {
        var marker = secret.LastIndexOf("token=", StringComparison.Ordinal) is var at and >= 0 ? secret[(at + "token=".Length)..] : secret;
        return SecretPlacement.ForeignHostInHtml(email.HtmlBody, marker, siteBaseUrl)
            ?? SecretPlacement.ForeignHostInText(email.TextBody, marker, siteBaseUrl)
            ?? SecretPlacement.ForeignHostInText(email.Subject, marker, siteBaseUrl);
    }

    private async Task FailAsync(NotificationQueue queue, Notification notification, Exception exception, CancellationToken cancellationToken)
    {
        var delay = RetryPolicy.DelayAfter(notification.Attempts, Settings.RetryBaseDelay, Settings.RetryMaxDelay, Random.Shared.NextDouble());
        var final = notification.Attempts >= Settings.MaxAttempts;
        // Exception messages from MailKit and Fluid describe the failure, never the message body.
        logger.LogWarning("Notification {NotificationId} attempt {Attempt} failed{Final}: {Error}",
            notification.Id, notification.Attempts, final ? " for the last time" : "", exception.Message);
        await queue.MarkAttemptFailedAsync(notification, $"{exception.GetType().Name}: {exception.Message}", Settings.MaxAttempts, delay, cancellationToken);
    }
}
