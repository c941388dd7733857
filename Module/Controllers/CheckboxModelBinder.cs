using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Commerce.Customers.Controllers;

/// <summary>
/// Binds booleans as browsers send checkboxes: "true" (with the hidden "false" after it) is ticked,
/// and anything else, a tampered value included, is not. MVC's own binder records a tampered value
/// as the attempted value, and the checkbox tag helper then throws while showing the form again.
/// </summary>
internal sealed class CheckboxModelBinder(bool nullable) : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var posted = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (posted == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        var first = posted.FirstValue;
        if (nullable && string.IsNullOrEmpty(first))
        {
            bindingContext.Result = ModelBindingResult.Success(null);
            return Task.CompletedTask;
        }

        var ticked = string.Equals(first, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(first, "on", StringComparison.OrdinalIgnoreCase);
        // The form is shown again with what was understood, never with the raw value.
        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, ticked, ticked ? "true" : "false");
        bindingContext.Result = ModelBindingResult.Success(ticked);
        return Task.CompletedTask;
    }
}

internal sealed class CheckboxModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType == typeof(bool) ? new CheckboxModelBinder(context.Metadata.IsNullableValueType) : null;
}
