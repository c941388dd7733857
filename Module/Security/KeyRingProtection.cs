using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Commerce.Customers.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Commerce.Customers.Security;

/// <summary>
/// Encrypts the Data Protection key ring where it is stored, in the database, with a certificate
/// kept outside it. Those keys decrypt the outbox's passwords and sign the sign-in cookies: stored
/// in plain text, a copy of the database alone would be enough to read the passwords waiting to be
/// sent, or to forge an administrator's cookie. The certificate is:
/// <list type="bullet">
/// <item>the one configured in <c>CommerceCustomers:DataProtection:CertificatePath</c> (a PKCS#12
/// file, with <c>CertificatePassword</c>), which every node of a multi-node site must share;</item>
/// <item>otherwise, on SQLite, one made on the first start in the data folder, beside the database
/// file but not in it, readable by the site's user only;</item>
/// <item>otherwise (PostgreSQL without one) none: the keys are stored unencrypted, and Data
/// Protection warns so in the log whenever it creates a key.</item>
/// </list>
/// </summary>
internal static class KeyRingProtection
{
    public const string CertificateFileName = "key-ring-certificate.pfx";

    /// <param name="configuration">The <c>CommerceCustomers</c> section.</param>
    public static IDataProtectionBuilder ProtectKeyRingAtRest(this IDataProtectionBuilder builder, IConfiguration configuration, IHostEnvironment environment)
    {
        var certificate = Certificate(configuration, environment);
        return certificate is null
            ? builder
            : builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
    }

    private static X509Certificate2? Certificate(IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection("DataProtection");
        var path = section["CertificatePath"];
        if (!string.IsNullOrWhiteSpace(path))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(Path.GetFullPath(path, environment.ContentRootPath), section["CertificatePassword"]);
        }

        var database = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        path = Path.Combine(DatabaseRegistration.DataFolderPath(database, environment), CertificateFileName);
        if (!File.Exists(path))
        {
            CreateCertificateFile(path);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, null);
    }

    /// <summary>A self-signed certificate whose RSA key wraps each Data Protection key; it is never used for TLS.</summary>
    internal static void CreateCertificateFile(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Commerce.Customers key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(100));

        // Written aside and moved into place, so a second process starting at the same moment
        // either finds the whole file or makes its own and keeps the first.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, certificate.Export(X509ContentType.Pkcs12));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            File.Move(temporary, path);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
