using Microsoft.AspNetCore.DataProtection;

namespace Commerce.Customers.Notifications;

/// <summary>
/// Encrypts a queued message's password or link with Data Protection. The keys live in the
/// database, so any node can decrypt what another queued.
/// </summary>
public sealed class NotificationSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Commerce.Customers.Notifications.Secret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
