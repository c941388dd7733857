using Commerce.Customers.Drivers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Controllers;

/// <summary>Lets a driver bind its form through the controller, so errors land in the page's ModelState.</summary>
internal sealed class ControllerModelUpdater(Controller controller) : IUpdateModel
{
    public ModelStateDictionary ModelState => controller.ModelState;

    public async Task<bool> TryUpdateModelAsync<TModel>(TModel model, string prefix) where TModel : class
    {
        if (await controller.TryUpdateModelAsync(model, prefix))
        {
            return true;
        }

        // A value the binder cannot read (letters in a hidden id, say) is refused next to its field,
        // but hidden fields have no place for the message: say it once above the form as well.
        var unreadable = controller.ModelState.Where(entry => entry.Key.Length > 0 && entry.Value?.ValidationState == ModelValidationState.Invalid).Select(entry => entry.Key).ToList();
        var S = controller.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<ControllerModelUpdater>>();
        controller.ModelState.AddModelError("", S["The form sent a value that could not be read ({0}). Reload the page and try again.", string.Join(", ", unreadable)]);
        return false;
    }
}
