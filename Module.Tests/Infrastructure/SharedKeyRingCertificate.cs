using Commerce.Customers.Security;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// One key-ring certificate for every test site of the run. Making one per site, as a fresh SQLite
/// site does by default, costs an RSA key generation (0.3 to 0.8 s here) a few hundred times over.
/// <c>KeyRingProtectionTests</c> turn it off to test that default.
/// </summary>
public static class SharedKeyRingCertificate
{
    public const string Setting = "CommerceCustomers:DataProtection:CertificatePath";

    private static readonly Lazy<string> File = new(Create);

    public static string Path => File.Value;

    private static string Create()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"commerce-tests-key-ring-{Environment.ProcessId}.pfx");
        KeyRingProtection.CreateCertificateFile(path);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.File.Delete(path);
        return path;
    }
}
