using Commerce.Customers.Models;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Commerce.Customers.Notifications;

/// <summary>Turns a rendered email into a MIME message with a text and an HTML part.</summary>
public sealed class EmailMessageFactory(IOptions<EmailOptions> options, TimeProvider clock)
{
    public MimeMessage Create(RenderedEmail email, string recipientEmail, string? recipientName, string messageId, string siteName)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(string.IsNullOrWhiteSpace(options.Value.FromName) ? siteName : options.Value.FromName, options.Value.FromAddress));
        message.To.Add(new MailboxAddress(recipientName ?? "", recipientEmail));
        message.Subject = email.Subject;
        message.MessageId = messageId;
        message.Date = clock.GetUtcNow();
        // Tells auto-responders not to answer an account email.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody }.ToMessageBody();
        return message;
    }

    public MimeMessage Create(RenderedEmail email, Notification notification, string siteName) =>
        Create(email, notification.RecipientEmail, notification.RecipientName, notification.MessageId, siteName);
}
