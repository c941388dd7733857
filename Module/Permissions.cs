namespace Commerce.Customers;

/// <summary>
/// The module's permissions. Roles hold them as claims; the Administrator role holds them all.
/// A permission is also granted by any permission that implies it (Manage implies View).
/// </summary>
public static class Permissions
{
    public const string ClaimType = "Permission";
    public const string AdministratorRole = "Administrator";

    public static readonly Permission ManageCustomers = new("ManageCustomers", "Manage customers", []);

    public static readonly Permission ManageCustomerLogins = new("ManageCustomerLogins", "Manage customer logins", []);

    /// <summary>Store credit is money: its own permission, so editing customers does not mean paying them.</summary>
    public static readonly Permission ManageCustomerCredit = new("ManageCustomerCredit", "Manage customer store credit", []);

    public static readonly Permission ViewCustomers = new("ViewCustomers", "View customers", [ManageCustomers, ManageCustomerLogins, ManageCustomerCredit]);

    public static readonly Permission ManageCustomerSettings = new("ManageCustomerSettings", "Manage customer account settings, email templates and email settings", []);

    /// <summary>
    /// Changing where links in emails point and the templates that deliver passwords and links: whoever
    /// holds it can send every reset link anywhere, so by default only the Administrator role does.
    /// Needed in addition to <see cref="ManageCustomerSettings"/>.
    /// </summary>
    public static readonly Permission ManageSecretTemplates = new("ManageSecretTemplates", "Manage the site address and the email templates that carry a password or a link", []);

    public static IReadOnlyList<Permission> All { get; } = [ViewCustomers, ManageCustomers, ManageCustomerLogins, ManageCustomerCredit, ManageCustomerSettings, ManageSecretTemplates];

    public static Permission? Find(string name) =>
        All.FirstOrDefault(permission => string.Equals(permission.Name, name, StringComparison.Ordinal));
}

/// <param name="Name">The stable name stored in role claims and used as the policy name.</param>
/// <param name="Description">What an administrator sees.</param>
/// <param name="ImpliedBy">Permissions that grant this one too.</param>
public sealed record Permission(string Name, string Description, IReadOnlyList<Permission> ImpliedBy)
{
    public IEnumerable<string> NamesThatGrant() => [Name, .. ImpliedBy.Select(permission => permission.Name)];
}
