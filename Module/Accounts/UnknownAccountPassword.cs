using System.Security.Cryptography;
using Commerce.Customers.Models;
using Microsoft.AspNetCore.Identity;

namespace Commerce.Customers.Accounts;

/// <summary>
/// A password check for an account that does not exist (or is not checked now): Identity's own
/// hasher verifies against a fixed hash of a random password, so a refused sign-in costs the same
/// whether or not the email belongs to someone, and its time reveals no accounts.
/// </summary>
public sealed class UnknownAccountPassword(IPasswordHasher<ShopUser> hasher, UnknownAccountPassword.FixedHash fixedHash)
{
    private static readonly ShopUser Nobody = new() { UserName = "nobody" };

    /// <summary>What creating a login costs: one hash of a fresh password, thrown away.</summary>
    public void HashAsForANewLogin() => hasher.HashPassword(Nobody, RandomNumberGenerator.GetHexString(16));

    public void Verify(string? password)
    {
        var hash = LazyInitializer.EnsureInitialized(ref fixedHash.Value, () => hasher.HashPassword(Nobody, RandomNumberGenerator.GetHexString(32)));
        hasher.VerifyHashedPassword(Nobody, hash, password ?? "");
    }

    /// <summary>
    /// The fixed hash, made once per site (a singleton) by that site's own hasher. Not per process:
    /// two sites in one process (tenants, tests) may hash at different costs, and a hash another
    /// site made would verify in another time than this site's real ones, which is the very leak
    /// this class prevents.
    /// </summary>
    public sealed class FixedHash
    {
        internal string? Value;
    }
}
