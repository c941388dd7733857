using Commerce.Customers.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Controllers;

/// <summary>Friendly pages for error status codes and unhandled exceptions.</summary>
[Route("error")]
[AllowAnonymous]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController : Controller
{
    [Route("{code:int}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Index()
    {
        // The code comes from the route alone. A parameter would make MVC read every value provider,
        // the form among them, and a re-executed post whose form cannot be read (a NUL in a value)
        // would fail again here and turn its 400 into a 500.
        var code = int.TryParse(RouteData.Values["code"]?.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : 500;
        var status = code is >= 400 and <= 599 ? code : 500;
        // Another request saved the same row first (concurrency stamps): a conflict to retry, not our failure.
        if (status == 500 && ExceptionChain.Contains(HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error, current => current is DbUpdateConcurrencyException))
        {
            status = 409;
        }

        Response.StatusCode = status;
        return View("Error", status);
    }
}
