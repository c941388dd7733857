using Commerce.Customers.Services;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Commerce.Customers.Controllers;

public static class FieldErrorsExtensions
{
    /// <summary>Shows each refusal beside the field it names ("" for the whole form).</summary>
    public static void AddFieldErrors(this ModelStateDictionary modelState, IEnumerable<FieldError> errors)
    {
        foreach (var error in errors)
        {
            modelState.AddModelError(error.Field, error.Message);
        }
    }
}
