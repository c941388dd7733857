using Commerce.Customers.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// What a disposed test site must prove: its database holds none of the secrets it saw, nor does
/// any line it logged, and every stored password hash is Identity's own format.
/// </summary>
public static class SecretsAudit
{
    // Identity's V3 format: marker 0x01, PRF (UInt32, 2 = HMACSHA512), iterations, salt length, salt, subkey.
    private const byte IdentityV3Marker = 0x01;
    private const uint HmacSha512 = 2;
    /// <summary>Every password hash is Identity's V3 PBKDF2 format with at least <paramref name="minimumIterations"/> (Identity's default on a production-cost site).</summary>
    public static async Task AssertPasswordHashesAreIdentitysAsync(CustomersDbContext db, int minimumIterations)
    {
        if (!(await db.Database.GetAppliedMigrationsAsync()).Any())
        {
            return;
        }

        var hashes = await db.Users.Where(user => user.PasswordHash != null).Select(user => new { user.UserName, user.PasswordHash }).ToListAsync();
        foreach (var hash in hashes)
        {
            Assert.True(IsIdentityV3(hash.PasswordHash!, minimumIterations), $"The password hash of {hash.UserName} is not Identity's V3 format with at least {minimumIterations} iterations.");
        }
    }

    /// <summary>The database's stored text: every byte of the SQLite files (so deleted rows and the WAL count), or every row of every PostgreSQL table.</summary>
    public static async Task<string> DatabaseTextAsync(TestSite site, DatabaseProvider provider, string? connectionString)
    {
        if (provider != DatabaseProvider.PostgreSql)
        {
            return Outbox.SqliteFilesTextOrEmpty(site);
        }

        // Every table, Data Protection keys included: a secret has no business in any of them.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await DatabaseSnapshot.TextAsync(connection, postgres: true, ignored: new HashSet<string>());
    }

    private static bool IsIdentityV3(string hash, int minimumIterations)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(hash);
        }
        catch (FormatException)
        {
            return false;
        }

        if (bytes.Length < 13 || bytes[0] != IdentityV3Marker)
        {
            return false;
        }

        var prf = ReadUInt32(bytes, 1);
        var iterations = ReadUInt32(bytes, 5);
        var saltLength = ReadUInt32(bytes, 9);
        return prf == HmacSha512 && iterations >= minimumIterations && saltLength >= 16 && bytes.Length == 13 + saltLength + 32;
    }

    private static uint ReadUInt32(byte[] bytes, int offset) =>
        (uint)(bytes[offset] << 24 | bytes[offset + 1] << 16 | bytes[offset + 2] << 8 | bytes[offset + 3]);
}
