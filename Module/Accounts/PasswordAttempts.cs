using Commerce.Customers.Models;
using Commerce.Customers.Services;
using Microsoft.AspNetCore.Identity;

namespace Commerce.Customers.Accounts;

/// <summary>
/// Every place a user types their current password: the two sign-in pages and change-password.
/// A wrong password counts toward Identity's lockout where the account is known, behind the
/// per-client <see cref="SignInThrottle"/>; a refusal costs one password hash whatever the reason
/// (unknown email, locked, held back), so neither its words nor its time reveal an account.
/// </summary>
public sealed class PasswordAttempts(
    SignInManager<ShopUser> signIn,
    UserManager<ShopUser> users,
    SignInThrottle throttle,
    UnknownAccountPassword unknownAccount,
    SignInHistory history)
{
    /// <summary>Signs in with a password; the user, or a refusal that says nothing more unless the password was right.</summary>
    public async Task<PasswordSignInResult> SignInAsync(string? email, string? password, bool remember, string client)
    {
        email = email?.Trim();
        if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(password))
        {
            return PasswordSignInResult.Refused;
        }

        var account = email.ToUpperInvariant();
        // User names are emails; anything else cannot match, so it is not looked up.
        var user = CustomerValidator.IsValidEmail(email) ? await users.FindByEmailAsync(email) : null;
        // A disabled login is refused like an unknown one: the page says nothing of why.
        if (user is null || user.IsDisabled || throttle.IsHeldBack(client, account) || await users.IsLockedOutAsync(user))
        {
            // Identity would answer these without hashing, which a stopwatch could tell apart.
            unknownAccount.Verify(password);
            throttle.RecordFailure(client, account);
            if (user is not null)
            {
                await history.RecordAsync(user, succeeded: false, SignInMethod.Password);
            }

            return PasswordSignInResult.Refused;
        }

        if (!await signIn.CanSignInAsync(user))
        {
            // An email not yet confirmed: said only to whoever typed the right password (one hash
            // either way), so the page tells nobody else that the account exists.
            await history.RecordAsync(user, succeeded: false, SignInMethod.Password);
            if (await users.CheckPasswordAsync(user, password))
            {
                return PasswordSignInResult.AwaitingEmailConfirmation;
            }

            await CountWrongPasswordAsync(user);
            throttle.RecordFailure(client, account);
            return PasswordSignInResult.Refused;
        }

        await ForgetStaleFailuresAsync(user);
        var result = await signIn.PasswordSignInAsync(user, password, remember, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            // The password was right; the sign-in is written to the history once the second step ends.
            return PasswordSignInResult.AwaitingSecondFactor;
        }

        await history.RecordAsync(user, result.Succeeded, SignInMethod.Password);
        if (result.Succeeded)
        {
            return new PasswordSignInResult(user, AwaitsEmailConfirmation: false);
        }

        throttle.RecordFailure(client, account);
        throttle.RecordCountedFailure(user.Id);
        return PasswordSignInResult.Refused;
    }

    /// <summary>Whether the signed-in user may try their current password now (not locked out).</summary>
    public async Task<bool> MayTryAsync(ShopUser user) => !await users.IsLockedOutAsync(user);

    /// <summary>A wrong current password typed by the signed-in user (change password) counts toward their lockout.</summary>
    public async Task CountWrongPasswordAsync(ShopUser user)
    {
        await ForgetStaleFailuresAsync(user);
        await users.AccessFailedAsync(user);
        throttle.RecordCountedFailure(user.Id);
    }

    private async Task ForgetStaleFailuresAsync(ShopUser user)
    {
        if (user.AccessFailedCount > 0 && throttle.CountIsStale(user.Id))
        {
            await users.ResetAccessFailedCountAsync(user);
        }
    }
}

/// <summary>
/// A signed-in user, or a refusal; <see cref="AwaitsEmailConfirmation"/> and <see cref="AwaitsSecondFactor"/>
/// only when the password was right. Awaiting a second factor, Identity holds the user in its
/// short-lived two-factor cookie until the code page completes the sign-in.
/// </summary>
public sealed record PasswordSignInResult(ShopUser? User, bool AwaitsEmailConfirmation, bool AwaitsSecondFactor = false)
{
    public static readonly PasswordSignInResult Refused = new(null, false);
    public static readonly PasswordSignInResult AwaitingEmailConfirmation = new(null, true);
    public static readonly PasswordSignInResult AwaitingSecondFactor = new(null, false, true);
}
