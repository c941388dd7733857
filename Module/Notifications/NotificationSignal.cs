using Commerce.Customers.Services;

namespace Commerce.Customers.Notifications;

/// <summary>Wakes this node's notification dispatcher when a message was queued here.</summary>
public sealed class NotificationSignal : WakeUpSignal;
