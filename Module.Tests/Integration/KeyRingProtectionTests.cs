using System.Security.Cryptography;
using Commerce.Customers.Notifications;
using Commerce.Customers.Security;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// The Data Protection keys are encrypted where they are stored, in the database, with a
/// certificate kept outside it: a copy of the database alone reads no queued password.
/// </summary>
public sealed class KeyRingProtectionTests
{
    private const string Frank = "frank@martin.com";

    // Without the run's shared certificate: each site makes its own beside its database, as by default.
    private static readonly Dictionary<string, string> OwnCertificate = new() { [SharedKeyRingCertificate.Setting] = "" };

    private static readonly Dictionary<string, string> DispatcherOff = new(OwnCertificate) { ["CommerceCustomers:Email:Dispatcher:Enabled"] = "false" };

    [Fact]
    public async Task On_SQLite_every_stored_key_is_encrypted_with_a_certificate_beside_the_database_that_only_the_site_user_can_read()
    {
        await using var site = await TestSite.StartAsync(new TestSiteOptions { Settings = OwnCertificate });
        using var admin = await site.AdminClientAsync();

        var keys = await site.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(key => key.Xml!).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        });
        var certificate = Path.Combine(site.DataFolder, KeyRingProtection.CertificateFileName);
        Assert.True(File.Exists(certificate), "No certificate beside the database.");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(certificate));
        }
    }

    [Fact]
    public async Task A_queued_password_is_read_by_the_site_after_a_restart_but_not_from_a_copy_of_its_database_alone()
    {
        var folder = NewFolder();
        var copy = NewFolder();
        var password = "Queued-" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            string protectedSecret;
            await using (var site = await TestSite.StartAsync(new TestSiteOptions { DataFolder = folder, Settings = DispatcherOff }))
            {
                site.Secrets.Add(password);
                protectedSecret = (await Outbox.EnqueueAsync(site, Frank, EmailTemplateDefinitions.LoginCreated, password)).ProtectedSecret!;
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.CreateDirectory(copy);
            foreach (var file in Directory.GetFiles(folder, "customers.db*"))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }

            await using (var restarted = await TestSite.StartAsync(new TestSiteOptions { DataFolder = folder, Settings = DispatcherOff }))
            {
                Assert.Equal(password, Unprotect(restarted, protectedSecret));
            }

            // The copy's key ring cannot be read without the certificate: Data Protection says so in its log.
            var unreadableKeys = new CapturedLogs().Expect("Microsoft.AspNetCore.DataProtection.KeyManagement", "Unable to retrieve the decryption key");
            await using (var elsewhere = await TestSite.StartAsync(new TestSiteOptions { DataFolder = copy, Settings = DispatcherOff, Logs = unreadableKeys }))
            {
                Assert.ThrowsAny<CryptographicException>(() => Unprotect(elsewhere, protectedSecret));
                Assert.Contains(elsewhere.Logs.Errors, line => line.Contains("Unable to retrieve the decryption key", StringComparison.Ordinal));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var path in new[] { folder, copy }.Where(Directory.Exists))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }

    private static string Unprotect(TestSite site, string protectedSecret) =>
        site.Services.GetRequiredService<NotificationSecrets>().Unprotect(protectedSecret);

    private static string NewFolder() => Path.Combine(Path.GetTempPath(), "commerce-keyring-" + Guid.NewGuid().ToString("N")[..12]);
}
