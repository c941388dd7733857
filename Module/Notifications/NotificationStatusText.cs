using Commerce.Customers.Models;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Notifications;

/// <summary>A notification's status as people read it; the enum's names are for machines.</summary>
public static class NotificationStatusText
{
    public static string Of(NotificationStatus? status, IStringLocalizer S) => status switch
    {
        NotificationStatus.Queued => S["Queued"],
        NotificationStatus.Sending => S["Sending"],
        NotificationStatus.Sent => S["Sent"],
        NotificationStatus.Failed => S["Failed"],
        _ => "",
    };
}
