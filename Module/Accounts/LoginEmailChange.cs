using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Commerce.Customers.Security;
using Microsoft.AspNetCore.Identity;
using static Commerce.Customers.Localization.DeferredText;

namespace Commerce.Customers.Accounts;

/// <summary>
/// Moves a customer's login to a new email address, which is also its user name, in the caller's
/// unit of work (the caller saves and commits): user name and email together, the customer record's
/// email, a new security stamp (sessions, reset and set-password links issued before end), a notice
/// to the old address, whose owner may not have asked for this, and the login history. Staff do it on
/// the General tab; the customer by the link sent to the new address.
/// </summary>
public sealed class LoginEmailChange(
    CustomersDbContext db,
    UserManager<ShopUser> users,
    ICustomerNotifications notifications,
    SiteUrls urls,
    TimeProvider clock)
{
    /// <summary>Staff, who already passed the staff boundary, gave the customer the new email; the login follows it.</summary>
    public async Task<IdentityResult> MoveByStaffAsync(ShopUser user, Customer customer, string? formerEmail, LoginActor staff, CancellationToken cancellationToken = default)
    {
        user.Email = customer.Email;
        user.UserName = customer.Email;
        // One update: validated (one login per address), normalized, with a new stamp.
        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
        {
            return result;
        }

        var notice = string.IsNullOrWhiteSpace(formerEmail)
            ? null
            : await notifications.EnqueueToFormerAddressAsync(EmailTemplateDefinitions.EmailChangedNotice, customer, formerEmail, formerEmail, cancellationToken: cancellationToken);
        Record(customer, user, LoginAuditAction.EmailChangedByStaff, staff, notice, L["The previous address was told; its sessions and links ended."]);
        return result;
    }

    /// <summary>
    /// The customer followed the link sent to <paramref name="newEmail"/>: Identity's change-email token
    /// proves that mailbox, and is bound to the login, the address and the security stamp. The old
    /// address gets a one-time link to say it was not them (<see cref="EmailChangeReportTokenProvider"/>).
    /// </summary>
    public async Task<IdentityResult> MoveByLinkAsync(ShopUser user, Customer customer, string newEmail, string token, CancellationToken cancellationToken = default)
    {
        var formerEmail = user.Email!;
        var formerUserName = user.UserName;
        user.UserName = newEmail;
        // Checks the token, sets and confirms the email, renews the stamp, then validates and saves the login once.
        var result = await users.ChangeEmailAsync(user, newEmail, token);
        if (!result.Succeeded)
        {
            user.UserName = formerUserName;
            return result;
        }

        customer.Email = newEmail;
        var reportToken = await users.GenerateUserTokenAsync(user, EmailChangeReportTokenProvider.ProviderName, EmailChangeReportTokenProvider.PurposeFor(formerEmail));
        var reportLink = await urls.ReportEmailChangeLinkAsync(user.Id, formerEmail, reportToken, cancellationToken);
        var notice = await notifications.EnqueueToFormerAddressAsync(EmailTemplateDefinitions.EmailChanged, customer, formerEmail, formerEmail, reportLink, cancellationToken);
        Record(customer, user, LoginAuditAction.EmailChangedByCustomer, new LoginActor(user.Id, newEmail), notice,
            L["The new address was proven by its link; the previous address was told, with a link to report the change. Sessions and links issued before ended."]);
        return result;
    }

    private void Record(Customer customer, ShopUser user, LoginAuditAction action, LoginActor actor, Notification? notice, string details) =>
        db.LoginAudits.Add(actor.AuditRow(customer, user, action, clock.GetUtcNow().UtcDateTime, details, notice?.Id));
}
