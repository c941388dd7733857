using Commerce.Customers.Drivers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Commerce.Customers.Controllers;

/// <summary>Lets drivers bind their part of a posted form through the controller's model binding.</summary>
internal sealed class ControllerModelUpdater(Controller controller) : IUpdateModel
{
    public ModelStateDictionary ModelState => controller.ModelState;

    public Task<bool> TryUpdateModelAsync<TModel>(TModel model, string prefix) where TModel : class =>
        controller.TryUpdateModelAsync(model, prefix);
}
