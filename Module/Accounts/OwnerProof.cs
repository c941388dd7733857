using Commerce.Customers.Models;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Accounts;

/// <summary>
/// Proof that the owner of a signed-in session is at the keyboard: their password, or a current
/// code from their authenticator app. Changes that would let someone keep a stolen session's
/// access (a new passkey, new recovery codes, turning two-factor off) ask for it. Wrong passwords
/// count toward the login's lockout, as at sign-in.
/// </summary>
public sealed class OwnerProof(UserManager<ShopUser> users, PasswordAttempts attempts, IStringLocalizer<OwnerProof> S)
{
    public const string Field = "Proof";

    /// <summary>Null when <paramref name="proof"/> is the owner's password or a current code; otherwise why not.</summary>
    public async Task<string?> ProblemAsync(ShopUser user, string? proof)
    {
        if (string.IsNullOrEmpty(proof))
        {
            return user.TwoFactorEnabled ? S["Enter your password or a code from your app."] : S["Enter your password."];
        }

        if (user.TwoFactorEnabled && AuthenticatorCodes.Normalize(proof) is { } code
            && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            return null;
        }

        if (!await attempts.MayTryAsync(user))
        {
            return S["Too many wrong attempts. Wait a few minutes, then try again."];
        }

        if (await users.CheckPasswordAsync(user, proof))
        {
            return null;
        }

        await attempts.CountWrongPasswordAsync(user);
        return user.TwoFactorEnabled ? S["That is neither your password nor a current code from your app."] : S["That is not your password."];
    }
}
