namespace Commerce.Customers;

/// <summary>
/// The admin menu entries this module contributes. Each entry shows only to users
/// who hold its permission, like Orchard's navigation providers.
/// </summary>
public static class AdminMenu
{
    public static IReadOnlyList<AdminMenuItem> Items { get; } =
    [
        new("Customers", "/admin/customers", Permissions.ViewCustomers, Manifest.Customers.Id),
        new("Notifications", "/admin/notifications", Permissions.ViewCustomers, Manifest.Customers.Id),
        new("Customer accounts", "/admin/settings/customer-accounts", Permissions.ManageCustomerSettings, Manifest.Customers.Id),
        new("Email templates", "/admin/email-templates", Permissions.ManageCustomerSettings, Manifest.Customers.Id),
        new("Email settings", "/admin/email-settings", Permissions.ManageCustomerSettings, Manifest.Customers.Id),
        new("Regional settings", "/admin/settings/regional", Permissions.ManageCustomerSettings, Manifest.Customers.Id),
    ];
}

public sealed record AdminMenuItem(string Text, string Url, Permission Permission, string FeatureId);
