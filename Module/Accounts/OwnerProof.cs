using Commerce.Customers.Models;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Accounts;

/// <summary>
/// Proof that the owner of a signed-in session is at the keyboard: their current password, or for
/// some changes a current code from their authenticator app. Changes that would let someone keep a
/// stolen session's access (a new passkey, new recovery codes, turning two-factor off, a new email)
/// ask for it. Guessing the password here is guessing at sign-in: wrong ones count toward the
/// login's lockout, and a locked login may not try.
/// </summary>
public sealed class OwnerProof(UserManager<ShopUser> users, PasswordAttempts attempts, IStringLocalizer<OwnerProof> S)
{
    public const string Field = "Proof";

    /// <summary>Null when <paramref name="proof"/> is the owner's password or a current code; otherwise why not.</summary>
    public async Task<string?> ProblemAsync(ShopUser user, string? proof)
    {
        if (!user.TwoFactorEnabled)
        {
            return await PasswordProblemAsync(user, proof);
        }

        if (string.IsNullOrEmpty(proof))
        {
            return S["Enter your password or a code from your app."];
        }

        if (AuthenticatorCodes.Normalize(proof) is { } code
            && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            return null;
        }

        return await CheckPasswordAsync(user, proof, S["That is neither your password nor a current code from your app."]);
    }

    /// <summary>Null when <paramref name="password"/> is the owner's current password; otherwise why not.</summary>
    public async Task<string?> PasswordProblemAsync(ShopUser user, string? password) =>
        string.IsNullOrEmpty(password)
            ? S["Enter your current password."]
            : await CheckPasswordAsync(user, password, S["The password is incorrect."]);

    private async Task<string?> CheckPasswordAsync(ShopUser user, string password, string wrong)
    {
        if (!await attempts.MayTryAsync(user))
        {
            return S["Too many wrong passwords. Try again in a few minutes."];
        }

        if (await users.CheckPasswordAsync(user, password))
        {
            return null;
        }

        await attempts.CountWrongPasswordAsync(user);
        return wrong;
    }
}
