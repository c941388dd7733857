using Commerce.Customers.Drivers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Controllers;

/// <summary>Lets a driver bind its form through the controller, so errors land in the page's ModelState.</summary>
internal sealed class ControllerModelUpdater(Controller controller) : IUpdateModel
{
    // The binder's own errors, kept to tell later whether a driver replaced them with a message of its own.
    private readonly List<(string Key, ModelError Error)> _binderErrors = [];

    public ModelStateDictionary ModelState => controller.ModelState;

    public async Task<bool> TryUpdateModelAsync<TModel>(TModel model, string prefix) where TModel : class
    {
        if (await controller.TryUpdateModelAsync(model, prefix))
        {
            return true;
        }

        foreach (var (key, entry) in controller.ModelState)
        {
            _binderErrors.AddRange(entry.Errors.Select(error => (key, error)));
        }

        return false;
    }

    /// <summary>
    /// A value the binder cannot read (letters in a hidden id, say) is refused next to its field, but
    /// hidden fields have no place for the message: unless the driver said something of its own
    /// instead, say it once above the form.
    /// </summary>
    public void ReportUnreadableValues()
    {
        var unreadable = _binderErrors
            .Where(binder => binder.Key.Length > 0 && controller.ModelState.TryGetValue(binder.Key, out var entry) && entry.Errors.Contains(binder.Error))
            .Select(binder => binder.Key).Distinct().ToList();
        if (unreadable.Count > 0)
        {
            var S = controller.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<ControllerModelUpdater>>();
            controller.ModelState.AddModelError("", S["The form sent a value that could not be read ({0}). Reload the page and try again.", string.Join(", ", unreadable)]);
        }
    }
}
