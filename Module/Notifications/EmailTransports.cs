using MimeKit;

namespace Commerce.Customers.Notifications;

/// <summary>Where emails go. One session sends a batch, so SMTP opens one connection for many messages.</summary>
public interface IEmailTransport
{
    /// <summary>What the admin sees on the Email settings page, such as "SMTP 127.0.0.1:25 (Auto)".</summary>
    /// <summary>Where messages go, for the Email settings page, in the reader's language.</summary>
    string Describe(Microsoft.Extensions.Localization.IStringLocalizer S);

    Task<IEmailSession> OpenAsync(CancellationToken cancellationToken);
}

public interface IEmailSession : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
