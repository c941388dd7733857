namespace Commerce.Customers.Models;

public enum SignInMethod
{
    Password,

    /// <summary>The password, then a code from an authenticator app.</summary>
    Authenticator,

    /// <summary>The password, then one of the login's recovery codes.</summary>
    RecoveryCode,

    Passkey,
}

/// <summary>
/// One attempt to sign in to a known login, for its owner's sign-in history: when, how, from which
/// client, and whether it worked. Attempts at unknown emails belong to nobody and are not kept.
/// Kept for the Customer accounts setting's number of days.
/// </summary>
public sealed class SignInEvent
{
    public const int ClientMaxLength = 256;

    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
    public bool Succeeded { get; set; }
    public SignInMethod Method { get; set; }

    /// <summary>The browser's User-Agent, shortened.</summary>
    public string? Client { get; set; }

    /// <summary>The client's network, not its address: an IPv4 /24 or an IPv6 /48.</summary>
    public string? Network { get; set; }
}
