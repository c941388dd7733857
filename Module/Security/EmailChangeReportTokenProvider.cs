using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Security;

/// <summary>
/// The one-time token of the "this was not me" link sent to the address an email change replaced.
/// Identity's Data Protection tokens embed the security stamp, which the change itself renews, and so
/// would whoever took the account, by signing out or changing the password, to kill the link. This
/// token does not: it is a random secret whose hash is kept on the login among Identity's user tokens,
/// so it is bound to that login and to the address it was sent to (the purpose), works once (the
/// caller uses it up) and expires after <see cref="Lifetime"/>.
/// </summary>
public sealed class EmailChangeReportTokenProvider(CustomersDbContext db, TimeProvider clock) : IUserTwoFactorTokenProvider<ShopUser>
{
    public const string ProviderName = "EmailChangeReport";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    private const string LoginProvider = "Commerce.Customers";
    private const string RowPrefix = "EmailChangeReport:";

    /// <summary>Makes the provider known to Identity by its name, as <c>AddTokenProvider</c> would; its service is registered beside.</summary>
    public static void Register(IdentityOptions options) =>
        options.Tokens.ProviderMap[ProviderName] = new TokenProviderDescriptor(typeof(EmailChangeReportTokenProvider));

    /// <summary>The purpose of a report link sent to <paramref name="formerEmail"/>: a token for one address does not work for another.</summary>
    public static string PurposeFor(string formerEmail) => "ReportEmailChange:" + formerEmail;

    public async Task<string> GenerateAsync(string purpose, UserManager<ShopUser> manager, ShopUser user)
    {
        // Rows of links that expired unused go when the login gets a new one.
        var now = clock.GetUtcNow();
        foreach (var stale in (await db.UserTokens.Where(t => t.UserId == user.Id && t.LoginProvider == LoginProvider).ToListAsync())
            .Where(row => Stored.Parse(row.Value) is not { } kept || kept.ExpiresUtc < now))
        {
            db.UserTokens.Remove(stale);
        }

        var id = RandomNumberGenerator.GetHexString(16, lowercase: true);
        var secret = RandomNumberGenerator.GetHexString(64, lowercase: true);
        var stored = new Stored(now + Lifetime, Hash(purpose, secret));
        var kept = await manager.SetAuthenticationTokenAsync(user, LoginProvider, RowPrefix + id, stored.ToString());
        if (!kept.Succeeded)
        {
            throw new InvalidOperationException("The login changed meanwhile, so the report link could not be kept.");
        }

        return id + "." + secret;
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ShopUser> manager, ShopUser user)
    {
        if (Parse(token) is not ({ } id, { } secret)
            || Stored.Parse(await manager.GetAuthenticationTokenAsync(user, LoginProvider, RowPrefix + id)) is not { } stored
            || stored.ExpiresUtc < clock.GetUtcNow())
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(stored.Hash, Hash(purpose, secret));
    }

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ShopUser> manager, ShopUser user) => Task.FromResult(false);

    /// <summary>Removes a validated token, so it works once; false if another request used it first (the login's concurrency stamp).</summary>
    public static async Task<bool> UseUpAsync(UserManager<ShopUser> manager, ShopUser user, string token) =>
        Parse(token) is ({ } id, _) && (await manager.RemoveAuthenticationTokenAsync(user, LoginProvider, RowPrefix + id)).Succeeded;

    private static (string Id, string Secret)? Parse(string? token) =>
        token?.Split('.') is [{ Length: 16 } id, { Length: 64 } secret] && id.All(char.IsAsciiHexDigitLower) && secret.All(char.IsAsciiHexDigitLower) ? (id, secret) : null;

    private static byte[] Hash(string purpose, string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(purpose + "\n" + secret));

    /// <summary>What is kept of a token: when it expires and the hash of its secret with its purpose, never the secret.</summary>
    private sealed record Stored(DateTimeOffset ExpiresUtc, byte[] Hash)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{ExpiresUtc.ToUnixTimeSeconds()}|{Convert.ToHexString(Hash)}");

        public static Stored? Parse(string? value) =>
            value?.Split('|') is [var expires, var hash] && long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && hash.Length == 64 && hash.All(char.IsAsciiHexDigit)
                ? new Stored(DateTimeOffset.FromUnixTimeSeconds(seconds), Convert.FromHexString(hash))
                : null;
    }
}
