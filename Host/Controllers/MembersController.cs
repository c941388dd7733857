using Commerce.Customers.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commerce.Customers.Host.Controllers;

/// <summary>The demo's members-only section: registered customers only; anyone else is sent to sign in.</summary>
[Route("members")]
[Authorize(Policy = RegisteredCustomerRequirement.PolicyName)]
public sealed class MembersController : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View();
}
