namespace Commerce.Customers.Tools;

/// <summary>One generated customer row, and its login when it is registered.</summary>
public sealed record GeneratedCustomer(
    string? Company,
    string FirstName,
    string LastName,
    string Email,
    string? Phone,
    DateTime CreatedUtc,
    string? UserId);
