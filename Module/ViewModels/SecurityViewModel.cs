using Commerce.Customers.Models;

namespace Commerce.Customers.ViewModels;

public sealed class SecurityViewModel
{
    /// <summary>The person's own recent sign-ins, newest first.</summary>
    public IReadOnlyList<SignInEvent> SignIns { get; init; } = [];
    public int HistoryDays { get; init; }
    public bool TwoFactorEnabled { get; init; }
    public int RecoveryCodesLeft { get; init; }
    public IReadOnlyList<Commerce.Customers.Accounts.PasskeySummary> Passkeys { get; init; } = [];
}

/// <summary>The second step of a sign-in: a code from the authenticator app, or a recovery code.</summary>
public sealed class TwoFactorSignInViewModel
{
    public string? Code { get; set; }
    public string? RecoveryCode { get; set; }
    public bool RememberMe { get; set; }
    public string? ReturnUrl { get; set; }
}

/// <summary>Setting up an authenticator app: the key as a QR code and as text, and the first code.</summary>
public sealed class AuthenticatorSetupViewModel
{
    public string SharedKey { get; init; } = "";
    public string QrCodeImage { get; init; } = "";
    public string? Code { get; set; }
}

/// <summary>Recovery codes, shown once right after they are made.</summary>
public sealed class RecoveryCodesViewModel
{
    public IReadOnlyList<string> Codes { get; init; } = [];
}

/// <summary>The owner's password or a current code, for changes a session alone may not make.</summary>
/// <remarks>A class, not a string parameter: MVC traces simple action arguments, and this one is a secret.</remarks>
public sealed class ProofViewModel
{
    public string? Proof { get; set; }
}

/// <summary>A new passkey: the browser's credential (JSON), its name, and the owner's password or code.</summary>
public sealed class AddPasskeyViewModel
{
    public string? CredentialJson { get; set; }
    public string? Name { get; set; }
    public string? Proof { get; set; }
}

public sealed class PasskeyViewModel
{
    public string? Id { get; set; }
    public string? Name { get; set; }
}

/// <summary>
/// Signing in with a passkey: the browser's answer, and the email if one was typed in the sign-in
/// form beside it. Named apart from that form's own fields, which share its page.
/// </summary>
public sealed class PasskeySignInViewModel
{
    public string? CredentialJson { get; set; }
    public string? TypedEmail { get; set; }
    public string? ReturnTo { get; set; }
}
