namespace Commerce.Customers.Models;

/// <summary>
/// An entity guarded by optimistic concurrency: the stamp is compared on update and renewed on
/// every save, so the second of two racing writers fails instead of silently winning.
/// </summary>
public interface IHasConcurrencyStamp
{
    string ConcurrencyStamp { get; set; }
}
