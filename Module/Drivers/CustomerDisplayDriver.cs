using System.Text;
using Commerce.Customers.Models;
using Commerce.Customers.Security;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Commerce.Customers.Drivers;

/// <summary>
/// One tab of the customer editor, in the spirit of Orchard's display drivers. The editor
/// discovers every driver, so a new tab is one driver class plus one view.
/// </summary>
public abstract class CustomerDisplayDriver
{
    /// <summary>The tab's caption, such as "General" or "Login details".</summary>
    public abstract string TabName { get; }

    /// <summary>Tabs are ordered by position; the first visible one opens by default.</summary>
    public abstract int Position { get; }

    /// <summary>The tab's address segment, such as "general" or "login-details".</summary>
    public string TabId => Slug(TabName);

    /// <summary>Whether the tab is part of the "New customer" form.</summary>
    public virtual bool ShowOnCreate => false;

    /// <summary>Who may see the tab.</summary>
    public virtual Permission ViewPermission => Permissions.ViewCustomers;

    /// <summary>Who may save the tab's form.</summary>
    public virtual Permission EditPermission => Permissions.ManageCustomers;

    /// <summary>Roles, Membership and Credit say <see cref="StaffDuty.OwnAccess"/>: staff never save them on their own record.</summary>
    public virtual StaffDuty Duty => StaffDuty.Ordinary;

    /// <summary>
    /// Some tabs apply only to some customers: a customer without a login has General, Addresses,
    /// Orders and Login details, as the product documentation shows, and any other tab only once it holds something.
    /// </summary>
    public virtual Task<bool> AppliesToAsync(Customer customer) => Task.FromResult(true);

    public abstract Task<EditorShape> EditAsync(Customer customer, BuildEditorContext context);

    /// <summary>
    /// Binds the posted form onto the customer; errors go into the updater's ModelState.
    /// Returns the shape to show again (with the posted values), or null if the tab has no form.
    /// The caller saves and commits only when ModelState is valid.
    /// </summary>
    public virtual Task<EditorShape?> UpdateAsync(Customer customer, UpdateEditorContext context) => Task.FromResult<EditorShape?>(null);

    private static string Slug(string text)
    {
        var slug = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            slug.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }

        return slug.ToString();
    }
}

/// <summary>A view to render and its model, like an Orchard shape.</summary>
public sealed record EditorShape(string ViewName, object Model);

public class BuildEditorContext(bool isNew)
{
    public bool IsNew { get; } = isNew;
}

public sealed class UpdateEditorContext(bool isNew, IUpdateModel updater) : BuildEditorContext(isNew)
{
    public IUpdateModel Updater { get; } = updater;

    /// <summary>What the admin is told after a successful save; the editor says "saved" when a driver sets none.</summary>
    public string? SuccessMessage { get; set; }
}

/// <summary>What a driver needs from the controller to bind and validate its form.</summary>
public interface IUpdateModel
{
    ModelStateDictionary ModelState { get; }

    Task<bool> TryUpdateModelAsync<TModel>(TModel model, string prefix) where TModel : class;
}
