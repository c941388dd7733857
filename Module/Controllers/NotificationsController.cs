using Commerce.Customers.Accounts;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Commerce.Customers.Security;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using static Commerce.Customers.Localization.DeferredText;

namespace Commerce.Customers.Controllers;

/// <summary>The outbox as the admin sees it: every message with its status, and Resend.</summary>
[Route("admin/notifications")]
[Authorize(Policy = nameof(Permissions.ViewCustomers))]
[RequireFeature(Manifest.CustomersFeatureId)]
public sealed class NotificationsController(
    NotificationHistory history,
    CustomersDbContext db,
    StaffBoundary boundary,
    UserManager<ShopUser> users,
    IAuthorizationService authorization,
    IStringLocalizer<NotificationsController> S) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] string? status, [FromQuery] long? olderThan, CancellationToken cancellationToken)
    {
        NotificationStatus? filter = Enum.TryParse<NotificationStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
        DateTime? before = olderThan is > 0 and var ticks && ticks < DateTime.MaxValue.Ticks ? new DateTime(ticks, DateTimeKind.Utc) : null;
        return View(new NotificationListViewModel
        {
            Status = filter,
            Page = await history.ListAsync(filter, before, cancellationToken),
            WhyNotResendable = history.WhyNotResendable,
            CanResend = (await authorization.AuthorizeAsync(User, Permissions.ManageCustomerLogins.Name)).Succeeded,
        });
    }

    [HttpPost("{id:guid}/resend")]
    [Authorize(Policy = nameof(Permissions.ManageCustomerLogins))]
    public async Task<IActionResult> Resend(Guid id, [FromForm] string? returnUrl, CancellationToken cancellationToken)
    {
        if (await WhyRefusedByBoundaryAsync(id, cancellationToken) is { } refused)
        {
            TempData.Error(S["The message cannot be resent: {0}", refused]);
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/admin/notifications");
        }

        var (copy, refusal) = await history.ResendAsync(id, cancellationToken);
        if (copy is null)
        {
            TempData.Error(S["The message cannot be resent: {0}", refusal!]);
        }
        else
        {
            TempData.Success(S["The message to {0} was queued again.", copy.RecipientEmail]);
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/admin/notifications");
    }

    /// <summary>A message goes to a customer's login (or, without a customer, the login with its address): resending is acting on that person.</summary>
    private async Task<string?> WhyRefusedByBoundaryAsync(Guid id, CancellationToken cancellationToken)
    {
        var message = await db.Notifications.AsNoTracking().Where(n => n.Id == id)
            .Select(n => new { n.CustomerId, n.RecipientEmail, UserId = db.Customers.Where(c => c.Id == n.CustomerId).Select(c => c.UserId).FirstOrDefault() })
            .SingleOrDefaultAsync(cancellationToken);
        if (message is null)
        {
            return null;
        }

        var userId = message.CustomerId is null ? (await users.FindByEmailAsync(message.RecipientEmail))?.Id : message.UserId;
        if (await boundary.WhyRefusedForLoginAsync(User, userId) is not { } refusal)
        {
            return null;
        }

        boundary.AddRefusalAudit(message.CustomerId, userId, LoginActor.Of(User), L["Resend a message"], refusal);
        await db.SaveChangesAsync(cancellationToken);
        return refusal;
    }
}
