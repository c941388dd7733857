namespace Commerce.Customers.Host;

/// <summary>Short command-line switches for unattended set-up, the database, and the tools.</summary>
internal static class CommandLineSwitches
{
    public static readonly Dictionary<string, string> Mappings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["--recipe"] = "Setup:Recipe",
        ["--admin-email"] = "Setup:AdminEmail",
        ["--admin-password"] = "Setup:AdminPassword",
        ["--site-name"] = "Setup:SiteName",
        ["--base-url"] = "Setup:BaseUrl",
        ["--database-provider"] = "CommerceCustomers:Database:Provider",
        ["--connection-string"] = "CommerceCustomers:Database:ConnectionString",
        ["--generate-customers"] = "CommerceCustomers:Tools:GenerateCustomers",
        ["--registered-fraction"] = "CommerceCustomers:Tools:RegisteredFraction",
    };
}
