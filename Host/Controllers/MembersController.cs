using System.Security.Claims;
using Commerce.Customers.Data;
using Commerce.Customers.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Host.Controllers;

/// <summary>The demo's members-only section: registered customers only; anyone else is sent to sign in.</summary>
[Route("members")]
[Authorize(Policy = RegisteredCustomerRequirement.PolicyName)]
public sealed class MembersController(CustomersDbContext customers) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        // Greet the customer by name; the login's user name is their email address.
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var customer = await customers.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.UserId == userId, cancellationToken);
        var name = customer?.DisplayName;
        return View(model: string.IsNullOrWhiteSpace(name) ? User.Identity?.Name ?? "" : name);
    }
}
