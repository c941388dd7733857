using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Commerce.Customers.Drivers;

/// <summary>The Notifications tab: every account email sent to the customer, with status and Resend.</summary>
public sealed class CustomerNotificationsDisplayDriver(
    NotificationHistory history,
    IAuthorizationService authorization,
    IHttpContextAccessor httpContextAccessor) : CustomerDisplayDriver
{
    public override string TabName => "Notifications";
    public override int Position => 90;

    // Emails go to logins; a customer without one has this tab only once a message was sent to them.
    public override async Task<bool> AppliesToAsync(Customer customer) => customer.IsRegistered || await history.AnyForAsync(customer.Id);

    public override async Task<EditorShape> EditAsync(Customer customer, BuildEditorContext context)
    {
        var user = httpContextAccessor.HttpContext?.User;
        return new EditorShape("CustomerNotifications_Edit", new CustomerNotificationsViewModel
        {
            CustomerId = customer.Id,
            Items = await history.ForCustomerAsync(customer.Id),
            WhyNotResendable = history.WhyNotResendable,
            CanResend = user is not null && (await authorization.AuthorizeAsync(user, Permissions.ManageCustomerLogins.Name)).Succeeded,
        });
    }
}
