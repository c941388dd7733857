namespace Commerce.Customers.Models;

public enum NotificationStatus
{
    /// <summary>Waiting for its next attempt.</summary>
    Queued = 0,

    /// <summary>Claimed by a dispatcher until its lease expires.</summary>
    Sending = 1,

    Sent = 2,

    /// <summary>Gave up after the last attempt; can be resent if it carries no secret.</summary>
    Failed = 3,
}

/// <summary>
/// An email in the transactional outbox. It is written in the same transaction as the change
/// that causes it and delivered later by the dispatcher, so a change and its email commit
/// together or not at all.
/// </summary>
public sealed class Notification
{
    public const int RecipientMaxLength = 254;
    public const int SubjectMaxLength = 500;
    public const int ErrorMaxLength = 1000;
    public const int CultureMaxLength = 16;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The RFC 5322 Message-Id (without angle brackets), the same on every attempt.</summary>
    public string MessageId { get; set; } = "";

    public int? CustomerId { get; set; }

    /// <summary>The template's name, such as <c>LoginCreated</c>.</summary>
    public string Template { get; set; } = "";

    /// <summary>The language the message is written in: the customer's, else the site's when it was queued.</summary>
    public string Culture { get; set; } = "en";

    public string RecipientEmail { get; set; } = "";
    public string? RecipientName { get; set; }

    /// <summary>The template's name until sent; then the subject as sent, rendered with any secret masked, for the admin's lists.</summary>
    public string Subject { get; set; } = "";

    /// <summary>The template model without its secret, as JSON.</summary>
    public string ModelJson { get; set; } = "{}";

    /// <summary>The password or link, encrypted with Data Protection; erased once delivered or finally failed.</summary>
    public string? ProtectedSecret { get; set; }

    /// <summary>Whether the message ever carried a secret, so the admin can be told why it cannot be resent.</summary>
    public bool HadSecret { get; set; }

    public NotificationStatus Status { get; set; } = NotificationStatus.Queued;
    public int Attempts { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime NextAttemptUtc { get; set; }
    public DateTime? SentUtc { get; set; }
    public DateTime? FailedUtc { get; set; }
    public string? LastError { get; set; }

    /// <summary>The dispatcher claim holding the message, and until when.</summary>
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseExpiresUtc { get; set; }

    /// <summary>The message this one resends, if any.</summary>
    public Guid? ResentFromId { get; set; }
}
