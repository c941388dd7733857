using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Controllers;

/// <summary>
/// A post larger than the import's request limit cannot have its form read, so antiforgery
/// validation fails before the action runs and the admin would get a bare 400. This filter answers
/// such a post with the import page and the size limit instead: a refusal that says why and, like
/// every refusal, changes nothing (the action never ran).
/// </summary>
internal sealed class UploadTooLargeFilter : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        var request = context.HttpContext.Request;
        if (context.Result is not IAntiforgeryValidationFailedResult || request.ContentLength <= CustomerImportController.MaxFileBytes)
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        var localizer = services.GetRequiredService<IStringLocalizer<CustomerImportController>>();
        // The page's field errors read the request's model state, as after any refused post.
        var modelState = context.ModelState;
        modelState.AddModelError("file", CustomerImportController.TooLargeMessage(localizer));
        context.Result = new ViewResult
        {
            ViewName = "~/Views/CustomerImport/Index.cshtml",
            ViewData = new ViewDataDictionary(services.GetRequiredService<IModelMetadataProvider>(), modelState),
            StatusCode = StatusCodes.Status413PayloadTooLarge,
        };
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
