using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace Commerce.Customers.Accounts;

/// <summary>
/// Checks authenticator-app codes (RFC 6238: six digits, 30-second steps, SHA-1, the key Identity
/// generates and stores) in place of Identity's own provider, for two reasons: the time comes from
/// the site's <see cref="TimeProvider"/>, and a code is accepted once. Identity's provider reads the
/// wall clock, accepts two steps either side and the same code again within them; here a code from
/// the step before or after the current one is accepted (a phone's clock a little off), an older one
/// is not, and neither is a step at or before the last one this login used, saved with the login's
/// concurrency stamp so that two requests racing with one code cannot both pass. The TOTP
/// arithmetic is Otp.NET's.
/// </summary>
public sealed class AuthenticatorCodes(CustomersDbContext db, TimeProvider clock) : IUserTwoFactorTokenProvider<ShopUser>
{
    private static readonly VerificationWindow OneStepEitherSide = new(previous: 1, future: 1);

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ShopUser> manager, ShopUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>Authenticator codes come from the person's app, never from the site.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<ShopUser> manager, ShopUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ShopUser> manager, ShopUser user)
    {
        var code = Normalize(token);
        if (code is null || await manager.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key)
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, OneStepEitherSide))
        {
            return false;
        }

        // A code at or before the step this login last used is spent.
        if (user.AuthenticatorLastTimeStep >= step)
        {
            return false;
        }

        // Saved through Identity, whose concurrency stamp makes the claim atomic: of two requests
        // racing with one code, the second finds the login changed since it read it and is refused.
        user.AuthenticatorLastTimeStep = step;
        if ((await manager.UpdateAsync(user)).Succeeded)
        {
            return true;
        }

        // Read the login again, so the refusal's own bookkeeping (the failed-attempt count) saves.
        await db.Entry(user).ReloadAsync();
        return false;
    }

    /// <summary>Six digits, allowing the spaces and hyphen apps show them with; anything else is no code.</summary>
    public static string? Normalize(string? token)
    {
        var code = new string((token ?? "").Where(c => c is not (' ' or '-')).ToArray());
        return code.Length == 6 && code.All(char.IsAsciiDigit) ? code : null;
    }
}
