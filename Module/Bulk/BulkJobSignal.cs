using Commerce.Customers.Services;

namespace Commerce.Customers.Bulk;

/// <summary>Wakes this node's bulk job runner when a job was queued here.</summary>
public sealed class BulkJobSignal : WakeUpSignal;
