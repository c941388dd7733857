namespace Commerce.Customers.Host;

/// <summary>Short command-line switches for unattended set-up, mapped onto the "Setup" configuration section.</summary>
internal static class CommandLineSwitches
{
    public static readonly Dictionary<string, string> Mappings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["--recipe"] = "Setup:Recipe",
        ["--admin-email"] = "Setup:AdminEmail",
        ["--admin-password"] = "Setup:AdminPassword",
        ["--site-name"] = "Setup:SiteName",
        ["--database-provider"] = "CommerceCustomers:Database:Provider",
        ["--connection-string"] = "CommerceCustomers:Database:ConnectionString",
    };
}
