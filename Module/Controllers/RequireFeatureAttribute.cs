using Commerce.Customers.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Controllers;

/// <summary>A disabled feature's pages do not exist: they answer 404.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
internal sealed class RequireFeatureAttribute(string featureId) : Attribute, IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var settings = context.HttpContext.RequestServices.GetRequiredService<SiteSettingsStore>();
        if (!await settings.IsFeatureEnabledAsync(featureId, context.HttpContext.RequestAborted))
        {
            context.Result = new NotFoundResult();
            return;
        }

        await next();
    }
}
