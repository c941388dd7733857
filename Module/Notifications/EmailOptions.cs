using MailKit.Security;

namespace Commerce.Customers.Notifications;

public enum EmailDelivery
{
    /// <summary>Write each message as an .eml file into a folder: the embedded default, needs no server.</summary>
    PickupFolder,

    /// <summary>Send through an SMTP server with MailKit.</summary>
    Smtp,
}

/// <summary>Configuration section <c>CommerceCustomers:Email</c>.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "CommerceCustomers:Email";

    public EmailDelivery Delivery { get; set; } = EmailDelivery.PickupFolder;

    public string FromAddress { get; set; } = "shop@localhost.localdomain";

    /// <summary>The sender's display name; the site name when empty.</summary>
    public string? FromName { get; set; }

    /// <summary>Where .eml files go; relative paths start at the data folder.</summary>
    public string PickupFolder { get; set; } = "mail";

    /// <summary>The site's public address for links in emails; the address of the request that caused the email when empty.</summary>
    public string? SiteBaseUrl { get; set; }

    /// <summary>Where customers sign in, relative to the site's base address.</summary>
    public string SignInPath { get; set; } = "/account/login";

    public SmtpOptions Smtp { get; set; } = new();
    public DispatcherOptions Dispatcher { get; set; } = new();
    public EmailRenderLimits Rendering { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 25;

    /// <summary>None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable (MailKit's names).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public string? UserName { get; set; }
    public string? Password { get; set; }
    public int TimeoutSeconds { get; set; } = 30;
}

public sealed class DispatcherOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>How often an idle dispatcher looks for due messages.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Messages sent over one connection before the next claim.</summary>
    public int BatchSize { get; set; } = 50;

    public int MaxAttempts { get; set; } = 8;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a claim holds; a dispatcher that dies frees its messages after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
}
